using Daemun.Storage;

namespace Daemun.Endpoints;

/// <summary>The unlink notifications accepted while they are fresh, to refuse a second delivery of the same one. In memory, per process:
/// behind a load balancer a replay reaching another instance is not caught (it can only repeat an idempotent removal).</summary>
internal sealed class UnlinkNotificationReplays
{
    private readonly ExpiringKeys _seen = new();

    /// <summary>Records the notification until <paramref name="forgetAt"/>; false when it was already recorded (a replay).</summary>
    public bool TryRecord(string key, DateTimeOffset forgetAt, DateTimeOffset now) => _seen.TryAdd(key, forgetAt, now);

    /// <summary>Forgets a notification whose handling failed, so that a new delivery can succeed.</summary>
    public void Forget(string key) => _seen.Remove(key);
}

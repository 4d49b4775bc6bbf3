using System.Collections.Concurrent;

namespace Daemun.Storage;

/// <summary>Keys remembered in memory, per process, until their own expiry: used states without a database, accepted unlink notifications.
/// Expired keys are dropped at most once a minute, by whichever call comes first.</summary>
internal sealed class ExpiringKeys
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _keys = new(StringComparer.Ordinal);
    private long _lastPruneTicks;

    /// <summary>Remembers <paramref name="key"/> until <paramref name="forgetAt"/>; false when it is already remembered and not yet expired.</summary>
    public bool TryAdd(string key, DateTimeOffset forgetAt, DateTimeOffset now)
    {
        Prune(now);
        if (_keys.TryGetValue(key, out var until) && until < now) _keys.TryRemove(KeyValuePair.Create(key, until));
        return _keys.TryAdd(key, forgetAt);
    }

    /// <summary>Forgets a key at once.</summary>
    public void Remove(string key) => _keys.TryRemove(key, out _);

    private void Prune(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastPruneTicks);
        if (now.UtcTicks - last < PruneInterval.Ticks || Interlocked.CompareExchange(ref _lastPruneTicks, now.UtcTicks, last) != last) return;
        foreach (var (key, until) in _keys)
        {
            if (until < now) _keys.TryRemove(KeyValuePair.Create(key, until));
        }
    }
}

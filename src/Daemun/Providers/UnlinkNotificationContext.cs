using Daemun.Endpoints;
using Daemun.Errors;
using Microsoft.AspNetCore.Http;

namespace Daemun.Providers;

/// <summary>What an <see cref="UnlinkNotificationReceiver"/> is given: the request, the provider, the time, the accepted clock skew, a form
/// reader with the engine's limits, and the replay record. The engine forgets a recorded delivery when handling it fails afterwards.</summary>
public sealed class UnlinkNotificationContext
{
    private readonly UnlinkNotificationReplays _replays;
    private readonly int _maxParameterLength;
    private readonly List<string> _recorded = [];

    internal UnlinkNotificationContext(HttpContext http, ProviderOptions provider, DateTimeOffset now, TimeSpan maxClockSkew, int maxParameterLength,
        UnlinkNotificationReplays replays)
    {
        HttpContext = http;
        Provider = provider;
        Now = now;
        MaxClockSkew = maxClockSkew;
        _maxParameterLength = maxParameterLength;
        _replays = replays;
    }

    /// <summary>The notification request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The provider's validated declaration (its client id and secret).</summary>
    public ProviderOptions Provider { get; }

    /// <summary>Now, from the engine's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>How far a notification's time may be from <see cref="Now"/>, either way (<c>Daemun:UnlinkNotifications:MaxClockSkew</c>).</summary>
    public TimeSpan MaxClockSkew { get; }

    /// <summary>Reads the request's form (UTF-8, size-limited); <see cref="ErrorCode.InvalidRequest"/> when it cannot be read.</summary>
    public Task<IFormCollection> ReadFormAsync() => RequestInput.FormAsync(HttpContext, _maxParameterLength);

    /// <summary>The single non-empty value of a form field of at most <paramref name="maxLength"/> characters; <see cref="ErrorCode.InvalidRequest"/>
    /// when it is missing, repeated or longer.</summary>
    public static string Required(IFormCollection form, string name, int maxLength) =>
        RequestInput.Value(form[name], name, maxLength) is { Length: > 0 } value
            ? value
            : throw new DaemunException(ErrorCode.InvalidRequest, $"unlink notification: '{name}' is missing");

    /// <summary>Records a delivery (<paramref name="key"/>: what makes it unique, e.g. its time and signature; no secret in it is logged) sent at
    /// <paramref name="sentAt"/> until it would be stale anyway; refuses the same delivery a second time.</summary>
    public void RequireFirstDelivery(string key, DateTimeOffset sentAt)
    {
        var replayKey = $"{Provider.Id}\n{key}";
        if (!_replays.TryRecord(replayKey, sentAt + MaxClockSkew, Now)) throw Refused("this notification was already received");
        _recorded.Add(replayKey);
    }

    /// <summary>The refusal of a notification that failed a check (<see cref="ErrorCode.InvalidNotification"/>); <paramref name="detail"/>
    /// says which check, for the log only, and must not hold a secret, a signature or an encrypted value.</summary>
    public DaemunException Refused(string detail) => new(ErrorCode.InvalidNotification, $"unlink notification from {Provider.Id} refused: {detail}");

    internal void ForgetDeliveries()
    {
        foreach (var key in _recorded) _replays.Forget(key);
    }
}

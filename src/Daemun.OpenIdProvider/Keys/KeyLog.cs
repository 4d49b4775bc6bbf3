using Microsoft.Extensions.Logging;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>The key ring's log lines (event ids 1020–1039). Key ids and times only, never material.</summary>
internal static partial class KeyLog
{
    [LoggerMessage(1020, LogLevel.Information, "OpenID Provider key {KeyId} created ({Use}, {Algorithm}), in use from {From:O}")]
    public static partial void Created(ILogger logger, string keyId, string use, string algorithm, DateTimeOffset from);

    [LoggerMessage(1021, LogLevel.Information, "OpenID Provider signing key {KeyId} has a successor: it stays published until {RetiresAt:O}")]
    public static partial void RetirementScheduled(ILogger logger, string keyId, DateTimeOffset retiresAt);

    [LoggerMessage(1022, LogLevel.Information, "OpenID Provider signing key {KeyId} retired: no longer published, deleted")]
    public static partial void Retired(ILogger logger, string keyId);

    [LoggerMessage(1023, LogLevel.Information, "OpenID Provider tokens are now signed with key {KeyId} ({Algorithm})")]
    public static partial void Signing(ILogger logger, string keyId, string algorithm);

    [LoggerMessage(1024, LogLevel.Warning, "Reloading the OpenID Provider keys failed ({Reason}); the keys read before stay in use")]
    public static partial void ReloadFailed(ILogger logger, string reason);
}

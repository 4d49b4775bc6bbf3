using Microsoft.Extensions.Logging;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>The consent and connected apps log lines (event ids 1040–1059). None takes a token, code or secret.</summary>
internal static partial class ConsentLog
{
    [LoggerMessage(1040, LogLevel.Information, "User {UserId} consented to {ClientId} for scopes {Scopes}")]
    public static partial void Granted(ILogger logger, string userId, string clientId, string scopes);

    [LoggerMessage(1041, LogLevel.Information, "User {UserId} disconnected {ClientId}: {Authorizations} authorization(s) and {Tokens} token(s) revoked")]
    public static partial void Revoked(ILogger logger, string userId, string clientId, int authorizations, long tokens);

    [LoggerMessage(1042, LogLevel.Warning, "User {UserId} asked to revoke an authorization that is not theirs or does not exist: nothing revoked")]
    public static partial void RevokeRefused(ILogger logger, string userId);
}

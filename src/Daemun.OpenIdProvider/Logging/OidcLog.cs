using Microsoft.Extensions.Logging;

namespace Daemun.OpenIdProvider.Logging;

/// <summary>The OpenID Provider's log lines (event ids 1060–1099). None holds a token, code, secret or key.</summary>
internal static partial class OidcLog
{
    [LoggerMessage(1060, LogLevel.Information, "OpenID Provider: {Count} client(s) from configuration are in the store")]
    public static partial void ClientsSynchronized(ILogger logger, int count);

    [LoggerMessage(1061, LogLevel.Information, "OpenID Provider: client {ClientId} was removed from configuration and from the store")]
    public static partial void ClientRemoved(ILogger logger, string clientId);

    [LoggerMessage(1062, LogLevel.Information, "OpenID Provider: {Endpoint} request refused: {Error} ({Description}), client {ClientId}")]
    public static partial void Refused(ILogger logger, string endpoint, string error, string? description, string? clientId);

    [LoggerMessage(1063, LogLevel.Information, "OpenID Provider: client {ClientId} signed user {UserId} in (scopes: {Scopes})")]
    public static partial void SignedIn(ILogger logger, string clientId, string userId, string scopes);

    [LoggerMessage(1064, LogLevel.Information, "OpenID Provider: authorization for client {ClientId} sent to sign-in ({Reason})")]
    public static partial void SentToSignIn(ILogger logger, string? clientId, string reason);

    [LoggerMessage(1065, LogLevel.Information, "OpenID Provider: tokens for client {ClientId} refused: user {UserId} {Reason}")]
    public static partial void UserNoLongerAllowed(ILogger logger, string? clientId, string userId, string reason);

    [LoggerMessage(1066, LogLevel.Information, "OpenID Provider: client {ClientId} ended the session of user {UserId}")]
    public static partial void SignedOut(ILogger logger, string? clientId, string? userId);

    [LoggerMessage(1067, LogLevel.Warning, "OpenID Provider: {Endpoint} refused a plain-http request from a non-loopback address")]
    public static partial void InsecureTransport(ILogger logger, string endpoint);

    [LoggerMessage(1068, LogLevel.Warning, "OpenID Provider: the store is unavailable ({Endpoint})")]
    public static partial void StoreUnavailable(ILogger logger, string endpoint);

    [LoggerMessage(1069, LogLevel.Information, "OpenID Provider: client {ClientId} got a token by client credentials (scopes: {Scopes})")]
    public static partial void MachineToken(ILogger logger, string clientId, string scopes);

    [LoggerMessage(1070, LogLevel.Information, "OpenID Provider: pruned {Tokens} token(s) and {Authorizations} authorization(s) no longer usable")]
    public static partial void Pruned(ILogger logger, long tokens, long authorizations);

    [LoggerMessage(1071, LogLevel.Warning, "OpenID Provider: pruning failed ({Failure}); it runs again in an hour")]
    public static partial void PruningFailed(ILogger logger, string failure);
}

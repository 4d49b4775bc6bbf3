using Daemun.Errors;
using Microsoft.Extensions.Logging;

namespace Daemun.Logging;

/// <summary>Every log line Daemun writes. None takes a token, code, secret or cookie value.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Sign-in started with provider {Provider}")]
    public static partial void SignInStarted(ILogger logger, string provider);

    [LoggerMessage(2, LogLevel.Information, "Sign-in completed with provider {Provider} for user {UserId} ({Outcome})")]
    public static partial void SignInCompleted(ILogger logger, string provider, string userId, string outcome);

    [LoggerMessage(3, LogLevel.Warning, "Sign-in failed with provider {Provider}: {Code}: {Detail}")]
    public static partial void SignInFailed(ILogger logger, string provider, ErrorCode code, string detail);

    [LoggerMessage(4, LogLevel.Warning, "Request refused: {Code}: {Detail}")]
    public static partial void RequestRefused(ILogger logger, ErrorCode code, string detail);

    [LoggerMessage(5, LogLevel.Information, "Signed out user {UserId}")]
    public static partial void SignedOut(ILogger logger, string userId);

    [LoggerMessage(8, LogLevel.Information, "Applied store migration {Version}")]
    public static partial void MigrationApplied(ILogger logger, int version);

    [LoggerMessage(20, LogLevel.Information, "Refreshed {Provider} tokens of account {AccountId} (new refresh token: {Rotated})")]
    public static partial void TokensRefreshed(ILogger logger, string provider, string accountId, bool rotated);

    [LoggerMessage(21, LogLevel.Warning, "{Provider} refused the refresh token of account {AccountId} (error={Error}): the person must sign in with it again")]
    public static partial void RefreshRefused(ILogger logger, string provider, string accountId, string error);

    [LoggerMessage(22, LogLevel.Warning, "Refreshing {Provider} tokens of account {AccountId} failed: {Code}: {Detail}")]
    public static partial void RefreshFailed(ILogger logger, string provider, string accountId, string code, string detail);

    [LoggerMessage(23, LogLevel.Warning, "Waited too long for another instance to refresh {Provider} tokens of account {AccountId}")]
    public static partial void RefreshWaitTimedOut(ILogger logger, string provider, string accountId);

    [LoggerMessage(24, LogLevel.Warning, "The refresh lease on {Provider} account {AccountId} ran out before the new tokens were written; they were not stored")]
    public static partial void RefreshLeaseLost(ILogger logger, string provider, string accountId);

    [LoggerMessage(30, LogLevel.Information, "Unlinked {Provider} account {AccountId} of user {UserId}")]
    public static partial void AccountUnlinked(ILogger logger, string provider, string accountId, string userId);

    [LoggerMessage(31, LogLevel.Information, "Deleted user {UserId}")]
    public static partial void UserDeleted(ILogger logger, string userId);

    [LoggerMessage(32, LogLevel.Information, "{Provider} no longer accepts the tokens of account {AccountId}: the link is already gone there")]
    public static partial void UnlinkWithDeadTokens(ILogger logger, string provider, string accountId);

    [LoggerMessage(33, LogLevel.Warning, "Unlinking {Provider} account {AccountId} at the provider failed: {Code}: {Detail}")]
    public static partial void UnlinkFailed(ILogger logger, string provider, string accountId, string code, string detail);

    [LoggerMessage(34, LogLevel.Warning, "{Provider} publishes no revocation endpoint: the link is removed only here")]
    public static partial void NoRevocationEndpoint(ILogger logger, string provider);

    [LoggerMessage(42, LogLevel.Information, "Sign-in with {Provider} not completed: the person declined required items {Items}; asking again")]
    public static partial void RequiredItemsDeclined(ILogger logger, string provider, string items);

    [LoggerMessage(40, LogLevel.Information, "{Provider} unlink notification: removed the link of user {UserId}; user deleted (no account left): {UserDeleted}")]
    public static partial void UnlinkNotified(ILogger logger, string provider, string userId, bool userDeleted);

    [LoggerMessage(41, LogLevel.Information, "{Provider} unlink notification names no linked account: nothing to do")]
    public static partial void UnlinkNotificationForUnknownAccount(ILogger logger, string provider);

    [LoggerMessage(50, LogLevel.Information, "Logged user {UserId} out at {Provider}")]
    public static partial void ProviderLoggedOut(ILogger logger, string provider, string userId);

    [LoggerMessage(51, LogLevel.Warning, "Logging user {UserId} out at {Provider} failed (signed out here all the same): {Code}: {Detail}")]
    public static partial void ProviderLogoutFailed(ILogger logger, string provider, string userId, string code, string detail);

    [LoggerMessage(52, LogLevel.Information, "Not logging user {UserId} out at {Provider}: no usable access token ({Status})")]
    public static partial void ProviderLogoutSkipped(ILogger logger, string provider, string userId, string status);

    [LoggerMessage(60, LogLevel.Information, "Sign-in started automatically with provider {Provider} (autologin in its app)")]
    public static partial void AutoLoginStarted(ILogger logger, string provider);

    [LoggerMessage(61, LogLevel.Information, "Autologin with provider {Provider} not possible (error={Error}); showing the sign-in page")]
    public static partial void AutoLoginDeclined(ILogger logger, string provider, string error);

    [LoggerMessage(300, LogLevel.Warning, "Provider {Provider} has AllowEmailLinking, but it never marks an email verified, so no account is ever linked by email: set {Key}=true to trust its emails (dangerous, see the README), or remove AllowEmailLinking")]
    public static partial void EmailLinkingNeverApplies(ILogger logger, string provider, string key);
    [LoggerMessage(400, LogLevel.Information, "Session of user {UserId} ended: {Reason}")]
    public static partial void SessionRevoked(ILogger logger, string userId, string reason);

    [LoggerMessage(401, LogLevel.Information, "Signed out user {UserId} everywhere")]
    public static partial void SignedOutEverywhere(ILogger logger, string userId);

    [LoggerMessage(402, LogLevel.Error, "The {Store} store is down ({Reason}): answering StoreUnavailable at once, probing it again every {BreakSeconds} s")]
    public static partial void StoreDown(ILogger logger, Exception? exception, string store, string reason, double breakSeconds);

    [LoggerMessage(403, LogLevel.Information, "The {Store} store is back after {Seconds:0.#} s")]
    public static partial void StoreBackUp(ILogger logger, string store, double seconds);

    [LoggerMessage(404, LogLevel.Warning, "Store operation {Operation} failed in the {Store} store: {Reason}")]
    public static partial void StoreOperationFailed(ILogger logger, string store, string operation, string reason);

    [LoggerMessage(405, LogLevel.Warning, "Rate limit {Group} reached by client {Client}: refusing with 429 for {Seconds} s (logged once per window)")]
    public static partial void RateLimited(ILogger logger, string group, string client, long seconds);

    [LoggerMessage(200, LogLevel.Warning, "Provider {Provider} is configured for {Method}, which its discovery document does not list in token_endpoint_auth_methods_supported; keeping the configured method")]
    public static partial void ClientAuthenticationNotAdvertised(ILogger logger, string provider, string method);

    [LoggerMessage(201, LogLevel.Warning, "The id_token returned by a refresh at {Provider} for account {AccountId} was refused ({Failure}); the new tokens were not stored")]
    public static partial void RefreshIdTokenRefused(ILogger logger, string provider, string accountId, string failure);

    [LoggerMessage(10, LogLevel.Error, "Unexpected failure in {Endpoint}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(350, LogLevel.Information, "Sign-in with {Provider} of an account linked to nobody while user {UserId} is signed in, without the intent to link: nothing written, asking the person")]
    public static partial void AccountChoiceAsked(ILogger logger, string provider, string userId);

    [LoggerMessage(351, LogLevel.Information, "The person answered the account choice for a {Provider} sign-in: {Answer}")]
    public static partial void AccountChoiceAnswered(ILogger logger, string provider, string answer);

    [LoggerMessage(352, LogLevel.Warning, "{Provider} runs in its classic mode because {Key} is not set: set it to {Mode} (recommended: {Reason}), or to classic to keep this mode deliberately")]
    public static partial void ModeRecommended(ILogger logger, string provider, string key, string mode, string reason);

    [LoggerMessage(1160, LogLevel.Warning, "Audit event {EventType} was not written: {Failure}")]
    public static partial void AuditEventNotWritten(ILogger logger, string eventType, string failure);

    [LoggerMessage(1161, LogLevel.Information, "Deleted {Deleted} audit events older than the retention in {Batches} statements")]
    public static partial void AuditPruned(ILogger logger, long deleted, int batches);

    [LoggerMessage(1162, LogLevel.Warning, "Audit pruning failed: {Failure}")]
    public static partial void AuditPruningFailed(ILogger logger, string failure);
}

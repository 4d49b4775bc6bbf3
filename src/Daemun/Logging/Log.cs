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

    [LoggerMessage(7, LogLevel.Error, "Store operation failed: {Operation}")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string operation);

    [LoggerMessage(8, LogLevel.Information, "Applied store migration {Version}")]
    public static partial void MigrationApplied(ILogger logger, int version);

    [LoggerMessage(10, LogLevel.Error, "Unexpected failure in {Endpoint}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string endpoint);
}

namespace Daemun.Server;

/// <summary>The one line a newcomer looks for.</summary>
internal static partial class Banner
{
    [LoggerMessage(100, LogLevel.Information, "Daemun is ready: open {Urls} and sign in")]
    public static partial void Ready(ILogger logger, string urls);
}

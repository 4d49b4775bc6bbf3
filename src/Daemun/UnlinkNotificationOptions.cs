using Daemun.Providers;

namespace Daemun;

/// <summary>Settings of the provider unlink notification receiver (<c>Daemun:UnlinkNotifications</c>).</summary>
public sealed class UnlinkNotificationOptions
{
    /// <summary>How far a notification's <c>timestamp</c> may be from now, either way (default 5 minutes); older or later ones are refused.
    /// Replays are remembered for as long as a notification stays fresh.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    internal void Validate()
    {
        if (MaxClockSkew <= TimeSpan.Zero || MaxClockSkew > TimeSpan.FromHours(1))
        {
            throw new DaemunConfigurationException("Daemun:UnlinkNotifications:MaxClockSkew", $"must be positive and at most 01:00:00 (got '{MaxClockSkew}').");
        }
    }
}

namespace Daemun.Sessions;

/// <summary>How the session being issued was earned: the provider and when the person last authenticated there.</summary>
internal sealed record Authentication(string Provider, DateTimeOffset At);

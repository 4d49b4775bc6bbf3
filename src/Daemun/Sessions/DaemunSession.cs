namespace Daemun.Sessions;

/// <summary>A signed-in person as the app sees them.</summary>
public sealed record DaemunSession(string UserId, string? Name, string? Email, string? Image, DateTimeOffset Expires)
{
    /// <summary>The provider the person signed in with.</summary>
    public string? Provider { get; init; }

    /// <summary>When the person last really authenticated at that provider; <c>RequireRecentSignIn</c> compares it with now.</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }
}

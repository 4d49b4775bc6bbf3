namespace Daemun.Storage;

/// <summary>A database session: only the hash of the cookie's token is stored.</summary>
public sealed record SessionRecord(string TokenHash, string UserId, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The provider the person signed in with to get this session.</summary>
    public string? Provider { get; init; }

    /// <summary>When the person last really authenticated at that provider (OIDC <c>auth_time</c>, else the sign-in's time).</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }
}

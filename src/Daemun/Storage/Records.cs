namespace Daemun.Storage;

/// <summary>A person known to the app. Email is unique (case-insensitively) among users.</summary>
public sealed record UserRecord(string Id, string? Name, string? Email, bool EmailVerified, string? Image, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The user may not sign in, and every session of theirs ends (database sessions at once, cookie sessions at their next check).</summary>
    public bool Disabled { get; init; }

    /// <summary>Every session issued at or before this time is over ("sign out everywhere"), cookie sessions included.</summary>
    public DateTimeOffset? SessionsRevokedAt { get; init; }
}

/// <summary>A provider's tokens for one account, in plain text in memory; the store encrypts them at rest.</summary>
public sealed record ProviderTokens(string? AccessToken, string? RefreshToken, string? IdToken, string? TokenType, string? Scope, DateTimeOffset? ExpiresAt);

/// <summary>A provider account linked to a user; unique by (provider, provider account id). Keeps the provider's last profile.</summary>
public sealed record AccountRecord(
    string Id,
    string UserId,
    string Provider,
    string ProviderAccountId,
    string? Name,
    string? Email,
    bool EmailVerified,
    string? Image,
    string RawProfile,
    ProviderTokens Tokens,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Bumped by every write of the tokens (sign-in, refresh, refusal): refreshes compare it to know whether another one got there first.</summary>
    public long TokenVersion { get; init; }

    /// <summary>The provider refused the refresh token: the person must sign in with the provider again before its API can be called.</summary>
    public bool NeedsReauthorization { get; init; }
}

/// <summary>An exclusive right, held until <see cref="Until"/>, to refresh one account's provider tokens (one holder across all instances).</summary>
public sealed record RefreshLease(string AccountId, string Owner, long TokenVersion, DateTimeOffset Until);

/// <summary>A database session: only the hash of the cookie's token is stored.</summary>
public sealed record SessionRecord(string TokenHash, string UserId, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The provider the person signed in with to get this session.</summary>
    public string? Provider { get; init; }

    /// <summary>When the person last really authenticated at that provider (OIDC <c>auth_time</c>, else the sign-in's time).</summary>
    public DateTimeOffset? AuthenticatedAt { get; init; }
}

/// <summary>Two writers raced for the same unique key; the caller may retry its transaction.</summary>
public sealed class StoreConflictException(string message, Exception inner) : Exception(message, inner);

/// <summary>The store could not be reached or failed; requests answer with <c>StoreUnavailable</c>.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);

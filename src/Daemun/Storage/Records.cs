namespace Daemun.Storage;

/// <summary>A person known to the app. Email is unique (case-insensitively) among users.</summary>
public sealed record UserRecord(string Id, string? Name, string? Email, bool EmailVerified, string? Image, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

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
    DateTimeOffset UpdatedAt);

/// <summary>A database session: only the hash of the cookie's token is stored.</summary>
public sealed record SessionRecord(string TokenHash, string UserId, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Two writers raced for the same unique key; the caller may retry its transaction.</summary>
public sealed class StoreConflictException(string message, Exception inner) : Exception(message, inner);

/// <summary>The store could not be reached or failed; requests answer with <c>StoreUnavailable</c>.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);

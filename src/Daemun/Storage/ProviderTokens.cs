namespace Daemun.Storage;

/// <summary>A provider's tokens for one account, in plain text in memory; the store encrypts them at rest.</summary>
public sealed record ProviderTokens(string? AccessToken, string? RefreshToken, string? IdToken, string? TokenType, string? Scope, DateTimeOffset? ExpiresAt);

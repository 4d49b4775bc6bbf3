namespace Daemun.Storage;

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

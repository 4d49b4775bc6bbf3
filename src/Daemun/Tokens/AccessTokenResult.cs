namespace Daemun.Tokens;

/// <summary>The answer of <see cref="IProviderTokenService.GetAccessTokenAsync"/>: a token only when <see cref="Status"/> is <see cref="AccessTokenStatus.Valid"/>.</summary>
/// <param name="Status">What was found.</param>
/// <param name="AccessToken">The provider access token (never log it).</param>
/// <param name="ExpiresAt">When it expires, when the provider said.</param>
/// <param name="Scope">The scopes granted, as the provider wrote them.</param>
public sealed record AccessTokenResult(AccessTokenStatus Status, string? AccessToken = null, DateTimeOffset? ExpiresAt = null, string? Scope = null)
{
    /// <summary>True when <see cref="AccessToken"/> can be used.</summary>
    public bool Succeeded => Status == AccessTokenStatus.Valid;

    /// <inheritdoc/>
    public override string ToString() => $"{Status}"; // the token never appears in a log through this record
}

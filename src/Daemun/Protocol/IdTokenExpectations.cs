namespace Daemun.Protocol;

/// <summary>What the relying party expects of an id_token (OIDC Core §3.1.3.7): the issuer and audience (our client_id) compared
/// exactly, the nonce we sent (null when we sent none or for a refresh's id_token), and where the issuer's keys are.</summary>
internal sealed record IdTokenExpectations(string Issuer, string Audience, string? Nonce, MetadataSource Keys)
{
    /// <summary>The algorithms accepted; only RS256, PS256 and ES256 can ever pass, whatever is listed here.</summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; init; } = IdTokenValidator.SupportedAlgorithms;

    /// <summary>Tolerance for clock differences, applied to exp, iat and nbf.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long after its iat a token is still accepted (null: no limit). About when the token was issued, not OIDC's
    /// max_age (which is about auth_time).</summary>
    public TimeSpan? MaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The <c>sub</c> the token must carry (a refresh's id_token: the stored account's), or null.</summary>
    public string? Subject { get; init; }

    /// <summary>The provider's rule for the <c>iss</c> a token must carry, given <see cref="Issuer"/> (discovery's) and the token's claims; null: exactly <see cref="Issuer"/>.</summary>
    public Providers.IssuerRule? IssuerRule { get; init; }

    /// <summary>The client secret of a provider that declares HS256 id_tokens keyed by it (<see cref="Providers.ProviderOptions.IdTokenSignedWithClientSecret"/>,
    /// OIDC Core §10.1: the octets of the UTF-8 client_secret). Only when it is set can an HS256 token pass, and it is then verified with
    /// this key alone, never with a key of the JWKS; null (every other provider): HS256 is refused like any other algorithm not listed.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The access token issued with the id_token: when the token carries <c>at_hash</c> it must match (OIDC Core §3.1.3.6).</summary>
    public string? AccessToken { get; init; }

    /// <summary>What a provider's id_token must be, as a sign-in and a refresh both expect it: the resolved (or declared) issuer and the
    /// declaration's issuer rule, our client id as audience, the client secret as key only where the declaration says HS256, and the
    /// access token it came with.</summary>
    public static IdTokenExpectations Of(Providers.ProviderOptions p, ResolvedEndpoints endpoints, MetadataSource keys, string? nonce, string accessToken) =>
        new(endpoints.Issuer ?? p.Issuer!, p.ClientId!, nonce, keys)
        {
            AccessToken = accessToken,
            IssuerRule = p.IssuerRule,
            ClientSecret = p.IdTokenSignedWithClientSecret ? p.ClientSecret : null,
        };
}

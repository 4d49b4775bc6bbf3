namespace Daemun.Protocol.Jose;

/// What the relying party expects of an id_token (OIDC Core §3.1.3.7): the issuer and audience
/// (our client_id) compared exactly, the nonce we sent (null when we sent none), and where the
/// issuer's keys are.
internal sealed record IdTokenExpectations(string Issuer, string Audience, string? Nonce, Uri JwksUri)
{
    /// The algorithms accepted; only RS256, PS256 and ES256 can ever pass, whatever is listed here.
    public IReadOnlyList<string> AllowedAlgorithms { get; init; } = [JoseAlgorithms.RS256, JoseAlgorithms.PS256, JoseAlgorithms.ES256];

    /// Tolerance for clock differences, applied to exp, iat and nbf.
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// How long after its iat a token is still accepted (null: no limit). This is about when the
    /// token was issued, not OIDC's max_age, which is about auth_time.
    public TimeSpan? MaxAge { get; init; } = TimeSpan.FromHours(1);
}

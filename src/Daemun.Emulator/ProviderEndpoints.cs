namespace Daemun.Emulator;

/// <summary>Endpoint URLs of one emulated provider, for the engine's configuration.</summary>
/// <param name="AuthorizationEndpoint">Where the browser is sent to sign in.</param>
/// <param name="TokenEndpoint">Code exchange and refresh.</param>
/// <param name="UserInfoEndpoint">Profile / userinfo (Naver /v1/nid/me, Kakao /v2/user/me, GitHub /user).</param>
/// <param name="EmailsEndpoint">GitHub's /user/emails; null elsewhere.</param>
/// <param name="Issuer">OIDC issuer (google, oidc, kakao); null for plain OAuth providers.</param>
/// <param name="JwksUri">JSON Web Key Set of an OIDC issuer.</param>
/// <param name="RevocationEndpoint">Token revocation (naver, google, oidc).</param>
/// <param name="DiscoveryEndpoint">{Issuer}/.well-known/openid-configuration.</param>
public sealed record ProviderEndpoints(
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string UserInfoEndpoint,
    string? EmailsEndpoint = null,
    string? Issuer = null,
    string? JwksUri = null,
    string? RevocationEndpoint = null,
    string? DiscoveryEndpoint = null);

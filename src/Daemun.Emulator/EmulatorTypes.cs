namespace Daemun.Emulator;

/// <summary>The kinds of endpoint an emulated provider serves.</summary>
public enum EmulatorEndpoint
{
    /// <summary>Authorization request (shows the consent page).</summary>
    Authorize,
    /// <summary>The consent form's POST.</summary>
    Consent,
    /// <summary>Token endpoint (code exchange, refresh, Naver's legacy delete).</summary>
    Token,
    /// <summary>Profile / userinfo endpoint.</summary>
    UserInfo,
    /// <summary>GitHub's /user/emails.</summary>
    Emails,
    /// <summary>JSON Web Key Set.</summary>
    Jwks,
    /// <summary>OpenID Connect discovery document.</summary>
    Discovery,
    /// <summary>Token revocation.</summary>
    Revoke,
    /// <summary>Naver's token verify API.</summary>
    Verify,
    /// <summary>Kakao logout.</summary>
    Logout,
    /// <summary>Kakao unlink.</summary>
    Unlink,
    /// <summary>Kakao access_token_info.</summary>
    TokenInfo,
    /// <summary>A path the emulator does not serve (answered 404).</summary>
    Other,
    /// <summary>Kakao's browser logout (/oauth/logout).</summary>
    BrowserLogout,
    /// <summary>OAuth 1.0a's temporary-credential request (RFC 5849 §2.1).</summary>
    RequestToken,
}

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

/// <summary>One HTTP request the emulator received; multi-valued entries are joined with ",".</summary>
/// <param name="Provider">Provider id (first path segment for unmatched paths).</param>
/// <param name="Endpoint">Which endpoint served it (<see cref="EmulatorEndpoint.Other"/> when none).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, without the query string.</param>
/// <param name="Query">Query string parameters.</param>
/// <param name="Form">Form body fields (empty when the body is not a form).</param>
/// <param name="Headers">Request headers, case-insensitive, including Authorization.</param>
/// <param name="Time">When it arrived, by <see cref="EmulatorOptions.TimeProvider"/>.</param>
public sealed record RecordedRequest(
    string Provider,
    EmulatorEndpoint Endpoint,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset Time);

/// <summary>The app registered at an emulated provider.</summary>
/// <param name="Provider">Provider id.</param>
/// <param name="ClientId">emulator-{provider}-client.</param>
/// <param name="ClientSecret">emulator-{provider}-secret.</param>
/// <param name="SecretRequired">False only for Kakao unless <see cref="EmulatorOptions.KakaoRequireSecret"/> is set.</param>
public sealed record EmulatorClient(string Provider, string ClientId, string ClientSecret, bool SecretRequired)
{
    /// <summary>Kakao's numeric app id (access_token_info's app_id).</summary>
    public long AppId { get; init; } = 1_000_001;

    /// <summary>Kakao's admin key (<c>Authorization: KakaoAK …</c> on logout/unlink); null for the other providers.</summary>
    public string? AdminKey { get; init; }
}

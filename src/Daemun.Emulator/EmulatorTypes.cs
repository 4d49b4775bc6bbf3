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
}

/// <summary>Endpoint URLs of one emulated provider, for the engine's configuration.</summary>
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
public sealed record EmulatorClient(string Provider, string ClientId, string ClientSecret, bool SecretRequired)
{
    /// <summary>Kakao's numeric app id (access_token_info's app_id).</summary>
    public long AppId { get; init; } = 1_000_001;
}

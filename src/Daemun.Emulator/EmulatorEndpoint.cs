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

namespace Daemun.Providers;

/// <summary>LINE Login v2.1, OpenID Connect with PKCE; the person is read from the id_token's claims (LINE's userinfo endpoint carries no
/// email), and the email is there only when the channel has LINE's permission for it (docs/providers/line.md).</summary>
[BuiltInProvider(Id)]
public static class Line
{
    /// <summary>The provider id (Auth.js: <c>line</c>).</summary>
    public const string Id = "line";

    /// <summary>LINE's declaration. The endpoints and the JWKS are given explicitly (they are the ones LINE's discovery document names), so no
    /// userinfo endpoint is used.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "LINE",
        Kind = ProviderKind.Oidc,
        Issuer = "https://access.line.me",
        AuthorizationEndpoint = "https://access.line.me/oauth2/v2.1/authorize",
        TokenEndpoint = "https://api.line.me/oauth2/v2.1/token",
        JwksUri = "https://api.line.me/oauth2/v2.1/certs",
        Scopes = ["profile", "openid", "email"],
        RequiredScopes = ["openid"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        // LINE Login signs a web login's id_token with HS256 keyed by the channel secret ("Verify ID token"); ES256 ones with its JWKS
        IdTokenSignedWithClientSecret = true,
        MapProfile = StandardClaims.Map,
        Fields = new("sub", "name", "email", "picture"),
        NeverVerifiesEmails = true,
        PassThroughParameters = new HashSet<string> { "prompt", "ui_locales", "bot_prompt", "initial_amr_display", "disable_auto_login" },
        DocumentationLinks = ["https://developers.line.biz/en/docs/line-login/integrate-line-login/", "https://developers.line.biz/en/docs/line-login/verify-id-token/", "https://developers.line.biz/en/docs/line-login/login-button/"],
        // LINE's button guideline: base #06C755 with white text and logo (and no other colours); the LINE icon is not drawn here.
        Style = new("#06C755", "#FFFFFF"),
    };
}

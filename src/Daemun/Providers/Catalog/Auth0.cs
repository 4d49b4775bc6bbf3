namespace Daemun.Providers;

/// <summary>Auth0, OpenID Connect on the tenant's domain (docs/providers/auth0.md).</summary>
[BuiltInProvider(Id)]
public static class Auth0
{
    /// <summary>The provider id (Auth.js: <c>auth0</c>).</summary>
    public const string Id = "auth0";

    /// <summary>Auth0's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Auth0",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}/",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "connection", "screen_hint" },
        Parameters = [new("Domain", "Your Auth0 tenant's domain, or its custom domain.", "example.eu.auth0.com")],
        DocumentationLinks = ["https://auth0.com/docs/authenticate/login/oidc-conformant-authentication", "https://auth0.com/docs/api/authentication/user-profile/get-user-info"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

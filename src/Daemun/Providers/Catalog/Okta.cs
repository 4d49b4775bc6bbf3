namespace Daemun.Providers;

/// <summary>Okta, OpenID Connect on the org's domain through one of its authorization servers (<c>default</c> unless configured)
/// (docs/providers/okta.md).</summary>
[BuiltInProvider(Id)]
public static class Okta
{
    /// <summary>The provider id (Auth.js: <c>okta</c>).</summary>
    public const string Id = "okta";

    /// <summary>Okta's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Okta",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}/oauth2/{AuthorizationServer}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke, // at the discovery document's revocation_endpoint (/v1/revoke)
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "idp" },
        Parameters =
        [
            new("Domain", "Your Okta org's domain (or its custom domain).", "dev-123456.okta.com"),
            new("AuthorizationServer", "The id of the custom authorization server that issues the tokens.", "default", "default"),
        ],
        DocumentationLinks = ["https://developer.okta.com/docs/reference/api/oidc/", "https://developer.okta.com/docs/guides/sign-into-web-app-redirect/asp-net-core-3/main/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

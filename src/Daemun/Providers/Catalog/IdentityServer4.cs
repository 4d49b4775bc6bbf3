namespace Daemun.Providers;

/// <summary>IdentityServer4, OpenID Connect from a self-hosted server (no longer maintained by its authors since 2022)
/// (docs/providers/identity-server4.md).</summary>
[BuiltInProvider(Id)]
public static class IdentityServer4
{
    /// <summary>The provider id (Auth.js: <c>identity-server4</c>).</summary>
    public const string Id = "identity-server4";

    /// <summary>IdentityServer4's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "IdentityServer4",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke, // at the discovery document's revocation_endpoint
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "acr_values", "ui_locales" },
        Parameters = [new("Domain", "The host (and path, if any) of your IdentityServer4, as in its issuer without https://.", "identityserver.example.com")],
        DocumentationLinks = ["https://identityserver4.readthedocs.io/en/latest/endpoints/userinfo.html", "https://identityserver4.readthedocs.io/en/latest/endpoints/discovery.html"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

namespace Daemun.Providers;

/// <summary>Duende IdentityServer, OpenID Connect from a self-hosted server (docs/providers/duende-identity-server6.md).</summary>
[BuiltInProvider(Id)]
public static class DuendeIdentityServer6
{
    /// <summary>The provider id (Auth.js: <c>duende-identity-server6</c>).</summary>
    public const string Id = "duende-identity-server6";

    /// <summary>Duende IdentityServer's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Duende IdentityServer",
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
        Parameters = [new("Domain", "The host (and path, if any) of your IdentityServer, as in its issuer without https://.", "demo.duendesoftware.com")],
        DocumentationLinks = ["https://docs.duendesoftware.com/identityserver/reference/endpoints/userinfo/", "https://docs.duendesoftware.com/identityserver/reference/endpoints/discovery/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

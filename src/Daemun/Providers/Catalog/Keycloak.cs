namespace Daemun.Providers;

/// <summary>Keycloak, OpenID Connect from a self-hosted server, one issuer per realm (docs/providers/keycloak.md).</summary>
[BuiltInProvider(Id)]
public static class Keycloak
{
    /// <summary>The provider id (Auth.js: <c>keycloak</c>).</summary>
    public const string Id = "keycloak";

    /// <summary>Keycloak's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Keycloak",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}/realms/{Realm}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke, // at the discovery document's revocation_endpoint
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "kc_idp_hint", "ui_locales" },
        Parameters =
        [
            new("Domain", "The host of your Keycloak server (with /auth after it for Keycloak 16 and earlier).", "keycloak.example.com"),
            new("Realm", "The realm the client is registered in.", "myrealm"),
        ],
        DocumentationLinks = ["https://www.keycloak.org/docs/latest/server_admin/#_oidc", "https://www.keycloak.org/securing-apps/oidc-layers"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

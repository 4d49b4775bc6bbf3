namespace Daemun.Providers;

/// <summary>Keycloak, OpenID Connect from a self-hosted server, one issuer per realm (docs/providers/keycloak.md).</summary>
[BuiltInProvider(Id)]
public static class Keycloak
{
    /// <summary>The provider id (Auth.js: <c>keycloak</c>).</summary>
    public const string Id = "keycloak";

    /// <summary>Keycloak's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "Keycloak", "https://{Domain}/realms/{Realm}",
        [
            new("Domain", "The host of your Keycloak server (with /auth after it for Keycloak 16 and earlier).", "keycloak.example.com"),
            new("Realm", "The realm the client is registered in.", "myrealm"),
        ]);
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "kc_idp_hint", "ui_locales" };
        p.DocumentationLinks = ["https://www.keycloak.org/docs/latest/server_admin/#_oidc", "https://www.keycloak.org/securing-apps/oidc-layers"];
        return p;
    }
}

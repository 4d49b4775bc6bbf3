namespace Daemun.Providers;

/// <summary>authentik, OpenID Connect from a self-hosted server's OAuth2/OpenID provider, one issuer per application slug
/// (docs/providers/authentik.md). Since authentik 2025.10 the default email scope says <c>email_verified: false</c> unless the operator maps it.</summary>
[BuiltInProvider(Id)]
public static class Authentik
{
    /// <summary>The provider id (Auth.js: <c>authentik</c>).</summary>
    public const string Id = "authentik";

    /// <summary>authentik's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "authentik",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}/application/o/{Slug}/",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke, // at the discovery document's revocation_endpoint
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true (authentik 2025.10 and later send false unless the operator's email scope mapping says otherwise)",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        Parameters =
        [
            new("Domain", "The host name of your authentik server.", "authentik.example.com"),
            new("Slug", "The slug of the authentik application this client belongs to.", "daemun"),
        ],
        DocumentationLinks = ["https://docs.goauthentik.io/add-secure-apps/providers/oauth2/", "https://docs.goauthentik.io/add-secure-apps/providers/oauth2/verify-email-address/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

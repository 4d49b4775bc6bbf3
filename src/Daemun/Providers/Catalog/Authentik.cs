namespace Daemun.Providers;

/// <summary>authentik, OpenID Connect from a self-hosted server's OAuth2/OpenID provider, one issuer per application slug
/// (docs/providers/authentik.md). Since authentik 2025.10 the default email scope says <c>email_verified: false</c> unless the operator maps it.</summary>
[BuiltInProvider(Id)]
public static class Authentik
{
    /// <summary>The provider id (Auth.js: <c>authentik</c>).</summary>
    public const string Id = "authentik";

    /// <summary>authentik's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "authentik", "https://{Domain}/application/o/{Slug}/",
        [
            new("Domain", "The host name of your authentik server.", "authentik.example.com"),
            new("Slug", "The slug of the authentik application this client belongs to.", "daemun"),
        ]);
        p.EmailVerifiedRule = "the email_verified claim is true (authentik 2025.10 and later send false unless the operator's email scope mapping says otherwise)";
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint" };
        p.DocumentationLinks = ["https://docs.goauthentik.io/add-secure-apps/providers/oauth2/", "https://docs.goauthentik.io/add-secure-apps/providers/oauth2/verify-email-address/"];
        return p;
    }
}

namespace Daemun.Providers;

/// <summary>Ory Hydra (Ory OAuth2 &amp; OpenID Connect), OpenID Connect from Ory Network or a self-hosted Hydra; the claims are what its login
/// and consent app grants (docs/providers/ory-hydra.md).</summary>
[BuiltInProvider(Id)]
public static class OryHydra
{
    /// <summary>The provider id (Auth.js: <c>ory-hydra</c>).</summary>
    public const string Id = "ory-hydra";

    /// <summary>Ory Hydra's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "Ory Hydra", "https://{Domain}",
            [new("Domain", "The issuer's host (and path, if any) exactly as in its discovery document, without https://.", "example-slug.projects.oryapis.com")]);
        // unlinks by revocation at the discovery document's revocation_endpoint (/oauth2/revoke)
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "ui_locales" };
        p.DocumentationLinks = ["https://www.ory.sh/docs/oauth2-oidc/authorization-code-flow", "https://www.ory.sh/docs/oauth2-oidc/userinfo-oidc"];
        return p;
    }
}

namespace Daemun.Providers;

/// <summary>Okta, OpenID Connect on the org's domain through one of its authorization servers (<c>default</c> unless configured)
/// (docs/providers/okta.md).</summary>
[BuiltInProvider(Id)]
public static class Okta
{
    /// <summary>The provider id (Auth.js: <c>okta</c>).</summary>
    public const string Id = "okta";

    /// <summary>Okta's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "Okta", "https://{Domain}/oauth2/{AuthorizationServer}",
        [
            new("Domain", "Your Okta org's domain (or its custom domain).", "dev-123456.okta.com"),
            new("AuthorizationServer", "The id of the custom authorization server that issues the tokens.", "default", "default"),
        ]);
        // unlinks by revocation at the discovery document's revocation_endpoint (/v1/revoke)
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "idp" };
        p.DocumentationLinks = ["https://developer.okta.com/docs/reference/api/oidc/", "https://developer.okta.com/docs/guides/sign-into-web-app-redirect/asp-net-core-3/main/"];
        return p;
    }
}

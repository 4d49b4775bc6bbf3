namespace Daemun.Providers;

/// <summary>IdentityServer4, OpenID Connect from a self-hosted server (no longer maintained by its authors since 2022)
/// (docs/providers/identity-server4.md).</summary>
[BuiltInProvider(Id)]
public static class IdentityServer4
{
    /// <summary>The provider id (Auth.js: <c>identity-server4</c>).</summary>
    public const string Id = "identity-server4";

    /// <summary>IdentityServer4's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "IdentityServer4", "https://{Domain}",
            [new("Domain", "The host (and path, if any) of your IdentityServer4, as in its issuer without https://.", "identityserver.example.com")]);
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "acr_values", "ui_locales" };
        p.DocumentationLinks = ["https://identityserver4.readthedocs.io/en/latest/endpoints/userinfo.html", "https://identityserver4.readthedocs.io/en/latest/endpoints/discovery.html"];
        return p;
    }
}

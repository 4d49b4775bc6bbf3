namespace Daemun.Providers;

/// <summary>Duende IdentityServer, OpenID Connect from a self-hosted server (docs/providers/duende-identity-server6.md).</summary>
[BuiltInProvider(Id)]
public static class DuendeIdentityServer6
{
    /// <summary>The provider id (Auth.js: <c>duende-identity-server6</c>).</summary>
    public const string Id = "duende-identity-server6";

    /// <summary>Duende IdentityServer's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "Duende IdentityServer", "https://{Domain}",
            [new("Domain", "The host (and path, if any) of your IdentityServer, as in its issuer without https://.", "demo.duendesoftware.com")]);
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "acr_values", "ui_locales" };
        p.DocumentationLinks = ["https://docs.duendesoftware.com/identityserver/reference/endpoints/userinfo/", "https://docs.duendesoftware.com/identityserver/reference/endpoints/discovery/"];
        return p;
    }
}

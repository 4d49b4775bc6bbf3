namespace Daemun.Providers;

/// <summary>ZITADEL, OpenID Connect on the instance's domain, cloud or self-hosted (docs/providers/zitadel.md).</summary>
[BuiltInProvider(Id)]
public static class Zitadel
{
    /// <summary>The provider id (Auth.js: <c>zitadel</c>).</summary>
    public const string Id = "zitadel";

    /// <summary>ZITADEL's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "ZITADEL", "https://{Domain}",
            [new("Domain", "Your ZITADEL instance's domain.", "my-instance-abc123.zitadel.cloud")]);
        // unlinks by revocation at the discovery document's revocation_endpoint (/oauth/v2/revoke)
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "ui_locales" };
        p.DocumentationLinks = ["https://zitadel.com/docs/apis/openidoauth/endpoints", "https://zitadel.com/docs/apis/openidoauth/claims"];
        return p;
    }
}

namespace Daemun.Providers;

/// <summary>Kinde, OpenID Connect on the business's domain (docs/providers/kinde.md).</summary>
[BuiltInProvider(Id)]
public static class Kinde
{
    /// <summary>The provider id (Auth.js: <c>kinde</c>).</summary>
    public const string Id = "kinde";

    /// <summary>Kinde's declaration.</summary>
    public static ProviderOptions Defaults()
    {
        var p = SelfHostedOidc.Declaration(Id, "Kinde", "https://{Domain}",
            [new("Domain", "Your Kinde business's domain (or its custom domain).", "example.kinde.com")]);
        p.Unlink = UnlinkMethod.None;
        p.ClientAuthentication = ClientAuthentication.ClientSecretPost;
        p.ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" };
        p.PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "connection_id", "lang" };
        p.DocumentationLinks = ["https://docs.kinde.com/developer-tools/about/using-kinde-without-an-sdk/", "https://docs.kinde.com/kinde-apis/frontend/#tag/oauth/get/oauth2/v2/user_profile"];
        return p;
    }
}

namespace Daemun.Providers;

/// <summary>Kinde, OpenID Connect on the business's domain (docs/providers/kinde.md).</summary>
[BuiltInProvider(Id)]
public static class Kinde
{
    /// <summary>The provider id (Auth.js: <c>kinde</c>).</summary>
    public const string Id = "kinde";

    /// <summary>Kinde's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Kinde",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "connection_id", "lang" },
        Parameters = [new("Domain", "Your Kinde business's domain (or its custom domain).", "example.kinde.com")],
        DocumentationLinks = ["https://docs.kinde.com/developer-tools/about/using-kinde-without-an-sdk/", "https://docs.kinde.com/kinde-apis/frontend/#tag/oauth/get/oauth2/v2/user_profile"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

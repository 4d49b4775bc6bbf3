namespace Daemun.Providers;

/// <summary>Yahoo! JAPAN ID連携 (YConnect v2), OpenID Connect with PKCE; the profile comes from the UserInfo API
/// (<c>/yconnect/v2/attribute</c>, which Yahoo! JAPAN enables after its review), with <c>email_verified</c> (docs/providers/yahoo-japan.md).</summary>
[BuiltInProvider(Id)]
public static class YahooJapan
{
    /// <summary>The provider id.</summary>
    public const string Id = "yahoo-japan";

    /// <summary>Yahoo! JAPAN's declaration: endpoints from discovery.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Yahoo! JAPAN",
        Kind = ProviderKind.Oidc,
        Issuer = "https://auth.login.yahoo.co.jp/yconnect/v2",
        Scopes = ["openid", "profile", "email"],
        RequiredScopes = ["openid"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        Fields = new("sub", "name", "email", "picture", "email_verified"),
        EmailVerifiedRule = "the UserInfo API's email_verified is true",
        PassThroughParameters = new HashSet<string> { "prompt", "display", "bail" },
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        DocumentationLinks = ["https://developer.yahoo.co.jp/yconnect/v2/authorization_code/", "https://developer.yahoo.co.jp/yconnect/v2/userinfo.html"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

namespace Daemun.Providers;

/// <summary>Salesforce, OpenID Connect on the login domain (production, sandbox or My Domain); the <c>sub</c> is the identity URL
/// (docs/providers/salesforce.md).</summary>
[BuiltInProvider(Id)]
public static class Salesforce
{
    /// <summary>The provider id (Auth.js: <c>salesforce</c>).</summary>
    public const string Id = "salesforce";

    /// <summary>Salesforce's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Salesforce",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        Parameters = [new("Domain", "login.salesforce.com, test.salesforce.com for a sandbox, or your My Domain login host.", "example.my.salesforce.com", "login.salesforce.com")],
        DocumentationLinks =
        [
            "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm&type=5",
            "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_userinfo_endpoint.htm&type=5",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

namespace Daemun.Providers;

/// <summary>Vipps MobilePay Login, OpenID Connect with PKCE; the profile comes from the userinfo endpoint (docs/providers/vipps.md).</summary>
[BuiltInProvider(Id)]
public static class Vipps
{
    /// <summary>The provider id (Auth.js: <c>vipps</c>).</summary>
    public const string Id = "vipps";

    /// <summary>Vipps MobilePay's declaration: endpoints from discovery.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Vipps MobilePay",
        Kind = ProviderKind.Oidc,
        Issuer = "https://api.vipps.no/access-management-1.0/access/",
        Scopes = ["openid", "name", "email"],
        RequiredScopes = ["openid"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        Fields = new("sub", "name", "email", null, "email_verified"),
        EmailVerifiedRule = "the email_verified claim is true",
        DocumentationLinks = ["https://developer.vippsmobilepay.com/docs/APIs/login-api/api-guide/core-concepts/", "https://developer.vippsmobilepay.com/docs/APIs/userinfo-api/", "https://developer.vippsmobilepay.com/docs/knowledge-base/design-guidelines/login-buttons/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

namespace Daemun.Providers;

/// <summary>OneLogin, OpenID Connect on the account's subdomain (<c>/oidc/2</c>); its claims carry no email verification
/// (docs/providers/onelogin.md).</summary>
[BuiltInProvider(Id)]
public static class OneLogin
{
    /// <summary>The provider id (Auth.js: <c>onelogin</c>).</summary>
    public const string Id = "onelogin";

    /// <summary>OneLogin's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "OneLogin",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Subdomain}.onelogin.com/oidc/2",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke,
        RevocationEndpoint = "https://{Subdomain}.onelogin.com/oidc/2/token/revocation",
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        NeverVerifiesEmails = true,
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        Parameters = [new("Subdomain", "Your OneLogin account's subdomain.", "example")],
        DocumentationLinks = ["https://developers.onelogin.com/openid-connect/api/authorization-code", "https://developers.onelogin.com/openid-connect/api/user-info"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

namespace Daemun.Providers;

/// <summary>ZITADEL, OpenID Connect on the instance's domain, cloud or self-hosted (docs/providers/zitadel.md).</summary>
[BuiltInProvider(Id)]
public static class Zitadel
{
    /// <summary>The provider id (Auth.js: <c>zitadel</c>).</summary>
    public const string Id = "zitadel";

    /// <summary>ZITADEL's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "ZITADEL",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{Domain}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke, // at the discovery document's revocation_endpoint (/oauth/v2/revoke)
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "ui_locales" },
        Parameters = [new("Domain", "Your ZITADEL instance's domain.", "my-instance-abc123.zitadel.cloud")],
        DocumentationLinks = ["https://zitadel.com/docs/apis/openidoauth/endpoints", "https://zitadel.com/docs/apis/openidoauth/claims"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

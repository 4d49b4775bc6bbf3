namespace Daemun.Providers;

/// <summary>Descope, OpenID Connect per project (docs/providers/descope.md).</summary>
[BuiltInProvider(Id)]
public static class Descope
{
    /// <summary>The provider id (Auth.js: <c>descope</c>).</summary>
    public const string Id = "descope";

    /// <summary>Descope's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Descope",
        Kind = ProviderKind.Oidc,
        Issuer = "https://api.descope.com/{ProjectId}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        Parameters = [new("ProjectId", "Your Descope project's id.", "P2abc123def456ghi789jkl012mno")],
        DocumentationLinks = ["https://docs.descope.com/getting-started/oidc-endpoints", "https://docs.descope.com/manage/idpapplications/oidc"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

namespace Daemun.Providers;

/// <summary>Roblox, OpenID Connect via discovery with PKCE (docs/providers/roblox.md). Roblox gives no email; the profile is the standard
/// claims (<c>name</c>, <c>preferred_username</c>, <c>picture</c>).</summary>
[BuiltInProvider(Id)]
public static class Roblox
{
    /// <summary>The provider id (Auth.js: <c>roblox</c>).</summary>
    public const string Id = "roblox";

    /// <summary>Roblox's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Roblox",
        Kind = ProviderKind.Oidc,
        Issuer = "https://apis.roblox.com/oauth/",
        Scopes = ["openid", "profile"],
        RequiredScopes = ["openid"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt" },
        MapProfile = StandardClaims.Map,
        Fields = new("sub", "name", null, "picture"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://create.roblox.com/docs/cloud/auth/oauth2-overview",
            "https://create.roblox.com/docs/cloud/auth/oauth2-reference",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

namespace Daemun.Providers;

/// <summary>Twitch, OpenID Connect via discovery (docs/providers/twitch.md). Twitch releases <c>email</c>, <c>email_verified</c>,
/// <c>picture</c> and <c>preferred_username</c> only when the <c>claims</c> request parameter asks for them, so the declaration asks for
/// them in both the id_token and userinfo.</summary>
[BuiltInProvider(Id)]
public static class Twitch
{
    /// <summary>The provider id (Auth.js: <c>twitch</c>).</summary>
    public const string Id = "twitch";

    /// <summary>The <c>claims</c> request parameter (OpenID Connect Core §5.5) Twitch needs for the profile's claims.</summary>
    private const string Claims =
        """{"id_token":{"email":null,"email_verified":null,"picture":null,"preferred_username":null},"userinfo":{"email":null,"email_verified":null,"picture":null,"preferred_username":null}}""";

    /// <summary>Twitch's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Twitch",
        Kind = ProviderKind.Oidc,
        Issuer = "https://id.twitch.tv/oauth2",
        Scopes = ["openid", "user:read:email"],
        RequiredScopes = ["openid"],
        UseNonce = true,
        AuthorizationParameters = new Dictionary<string, string> { ["claims"] = Claims },
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = StandardClaims.Map,
        Fields = new("sub", "preferred_username", "email", "picture", "email_verified"),
        EmailVerifiedRule = "the email_verified claim is true",
        DocumentationLinks =
        [
            "https://dev.twitch.tv/docs/authentication/getting-tokens-oidc/",
            "https://brand.twitch.com/",
        ],
        Style = new("#9146FF", "#FFFFFF"),
    };
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>FACEIT Connect, OAuth 2.0 (docs/providers/faceit.md): HTTP Basic client authentication, the profile at
/// <c>/auth/v1/resources/userinfo</c> with the player's <c>guid</c>. FACEIT does not say the email is verified.</summary>
[BuiltInProvider(Id)]
public static class Faceit
{
    /// <summary>The provider id (Auth.js: <c>faceit</c>).</summary>
    public const string Id = "faceit";

    /// <summary>FACEIT's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "FACEIT",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://accounts.faceit.com/accounts",
        TokenEndpoint = "https://api.faceit.com/auth/v1/oauth/token",
        UserInfoEndpoint = "https://api.faceit.com/auth/v1/resources/userinfo",
        AuthorizationParameters = new Dictionary<string, string> { ["redirect_popup"] = "true" },
        Scopes = ["openid", "email", "profile"],
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("guid", "nickname", "email", "picture"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://docs.faceit.com/getting-started/authentication/faceit-connect/",
            "https://docs.faceit.com/getting-started/Guides/connect-guide/",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>FACEIT's userinfo: the player's <c>guid</c>, <c>nickname</c>, <c>email</c>, <c>picture</c>; no email is marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "guid"),
        Json.Text(p, "nickname"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "picture"));
}

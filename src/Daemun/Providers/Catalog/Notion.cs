using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Notion, OAuth 2.0 with HTTP Basic client authentication; the profile is <c>GET /v1/users/me</c> with a <c>Notion-Version</c> header,
/// whose bot's owner is the person (docs/providers/notion.md).</summary>
[BuiltInProvider(Id)]
public static class Notion
{
    /// <summary>The provider id (Auth.js: <c>notion</c>).</summary>
    public const string Id = "notion";

    /// <summary>The API version sent in <c>Notion-Version</c>.</summary>
    public const string ApiVersion = "2022-06-28";

    /// <summary>Notion's declaration. Notion has no scopes; <c>owner=user</c> asks for a user-owned integration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Notion",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://api.notion.com/v1/oauth/authorize",
        TokenEndpoint = "https://api.notion.com/v1/oauth/token",
        UserInfoEndpoint = "https://api.notion.com/v1/users/me",
        AuthorizationParameters = new Dictionary<string, string> { ["owner"] = "user" },
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        TokenRequest = new() { Format = TokenRequestFormat.Json }, // Basic, and {"grant_type","code","redirect_uri"} as JSON
        Profile = new ProfileRequest { Headers = new Dictionary<string, string> { ["Notion-Version"] = ApiVersion } },
        MapProfile = Map,
        Fields = new("bot.owner.user.id", "bot.owner.user.name", "bot.owner.user.person.email", "bot.owner.user.avatar_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.notion.com/docs/authorization",
            "https://developers.notion.com/reference/create-a-token",
            "https://developers.notion.com/reference/get-self",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The bot user's <c>bot.owner.user</c>: <c>id</c> (a UUID), <c>name</c>, <c>person.email</c>, <c>avatar_url</c>. Notion documents
    /// no verification state, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var user = Json.Member(Json.Member(Json.Member(p, "bot"), "owner"), "user");
        return new(
            Json.Text(user, "id"),
            Json.Text(user, "name"),
            Json.Path(user, "person.email"),
            EmailVerified: false,
            Json.Text(user, "avatar_url"));
    }
}

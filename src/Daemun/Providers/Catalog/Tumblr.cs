using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Tumblr, the API's OAuth 2.0 flow (docs/providers/tumblr.md): the user is <c>response.user</c> of <c>/v2/user/info</c>; the account
/// is the primary blog's <c>uuid</c> (the user's name changes with the primary blog's), its avatar the API's avatar URL. Tumblr gives no email.</summary>
[BuiltInProvider(Id)]
public static class Tumblr
{
    /// <summary>The provider id (not in Auth.js).</summary>
    public const string Id = "tumblr";

    /// <summary>Tumblr's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Tumblr",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.tumblr.com/oauth2/authorize",
        TokenEndpoint = "https://api.tumblr.com/v2/oauth2/token",
        UserInfoEndpoint = "https://api.tumblr.com/v2/user/info",
        Scopes = ["basic"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("response.user.blogs.uuid", "response.user.name", null, null),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://www.tumblr.com/docs/en/api/v2#oauth2-authorization",
            "https://www.tumblr.com/docs/en/api/v2#userinfo--get-a-users-information",
            "https://www.tumblr.com/logo",
        ],
        Style = new("#001935", "#FFFFFF"),
    };

    /// <summary>The user in <c>response.user</c>: the <c>uuid</c> of the blog marked <c>primary</c>, the user's <c>name</c>, and the primary blog's
    /// avatar from <c>/v2/blog/{uuid}/avatar/128</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var user = Json.Member(Json.Member(p, "response"), "user");
        string? uuid = null;
        if (user.ValueKind == JsonValueKind.Object && user.TryGetProperty("blogs", out var blogs) && blogs.ValueKind == JsonValueKind.Array)
        {
            uuid = blogs.EnumerateArray().Where(b => Json.Bool(b, "primary")).Select(b => Json.Text(b, "uuid")).FirstOrDefault(u => u is not null);
        }
        return new(
            uuid,
            Json.Text(user, "name"),
            Email: null,
            EmailVerified: false,
            uuid is null ? null : $"https://api.tumblr.com/v2/blog/{Uri.EscapeDataString(uuid)}/avatar/128");
    }
}

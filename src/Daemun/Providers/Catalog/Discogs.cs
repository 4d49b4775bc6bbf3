using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Discogs, OAuth 1.0a with HMAC-SHA1 (docs/providers/discogs.md). The profile is <c>GET /oauth/identity</c>: a numeric id and the
/// user name, no email and no picture.</summary>
[BuiltInProvider(Id)]
public static class Discogs
{
    /// <summary>The provider id.</summary>
    public const string Id = "discogs";

    /// <summary>Discogs' declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Discogs",
        Kind = ProviderKind.OAuth1,
        RequestTokenEndpoint = "https://api.discogs.com/oauth/request_token",
        AuthorizationEndpoint = "https://www.discogs.com/oauth/authorize",
        AccessTokenEndpoint = "https://api.discogs.com/oauth/access_token",
        UserInfoEndpoint = "https://api.discogs.com/oauth/identity",
        MapProfile = Map,
        Fields = new("id", "username", "", "", ""),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://www.discogs.com/developers/#page:authentication,header:authentication-oauth-flow",
            "https://www.discogs.com/developers/#page:user-identity,header:user-identity-identity",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary><c>{"id":1,"username","resource_url","consumer_name"}</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(Json.Text(p, "id"), Json.Text(p, "username"), null, false, null);
}

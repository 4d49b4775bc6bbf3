using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Trello, OAuth 1.0a with HMAC-SHA1 (docs/providers/trello.md). The profile is <c>GET /1/members/me</c> signed with the token
/// credentials; the avatar is <c>avatarUrl</c> plus a size. Trello says nothing about whether an email is verified: it never links by email.</summary>
[BuiltInProvider(Id)]
public static class Trello
{
    /// <summary>The provider id.</summary>
    public const string Id = "trello";

    /// <summary>Trello's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Trello",
        Kind = ProviderKind.OAuth1,
        RequestTokenEndpoint = "https://trello.com/1/OAuthGetRequestToken",
        AuthorizationEndpoint = "https://trello.com/1/OAuthAuthorizeToken",
        AccessTokenEndpoint = "https://trello.com/1/OAuthGetAccessToken",
        UserInfoEndpoint = "https://api.trello.com/1/members/me",
        AuthorizationParameters = new Dictionary<string, string> { ["scope"] = "read", ["expiration"] = "never" },
        Profile = new ProfileRequest { Query = new Dictionary<string, string> { ["fields"] = "id,username,fullName,avatarUrl" } },
        MapProfile = Map,
        Fields = new("id", "fullName", "", "avatarUrl", ""),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developer.atlassian.com/cloud/trello/guides/rest-api/authorization/",
            "https://developer.atlassian.com/cloud/trello/rest/api-group-members/#api-members-id-get",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The member object: <c>fullName</c> before <c>username</c>; <c>avatarUrl</c> names a folder of sizes (<c>/170.png</c>).</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "fullName") ?? Json.Text(p, "username"),
        null,
        false,
        Json.Text(p, "avatarUrl") is { } avatar ? avatar.TrimEnd('/') + "/170.png" : null);
}

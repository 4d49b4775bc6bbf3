using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Flickr, OAuth 1.0a with HMAC-SHA1 (docs/providers/flickr.md). The profile is the signed API call <c>flickr.test.login</c> in JSON;
/// Flickr shares no email address.</summary>
[BuiltInProvider(Id)]
public static class Flickr
{
    /// <summary>The provider id.</summary>
    public const string Id = "flickr";

    /// <summary>Flickr's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Flickr",
        Kind = ProviderKind.OAuth1,
        RequestTokenEndpoint = "https://www.flickr.com/services/oauth/request_token",
        AuthorizationEndpoint = "https://www.flickr.com/services/oauth/authorize",
        AccessTokenEndpoint = "https://www.flickr.com/services/oauth/access_token",
        UserInfoEndpoint = "https://www.flickr.com/services/rest",
        AuthorizationParameters = new Dictionary<string, string> { ["perms"] = "read" },
        Profile = new ProfileRequest
        {
            Query = new Dictionary<string, string> { ["method"] = "flickr.test.login", ["format"] = "json", ["nojsoncallback"] = "1" },
        },
        MapProfile = Map,
        Fields = new("user.id", "user.username._content", "", "", ""),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://www.flickr.com/services/api/auth.oauth.html", "https://www.flickr.com/services/api/flickr.test.login.html"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary><c>{"user":{"id":"…@N01","username":{"_content":"…"}},"stat":"ok"}</c>: the NSID and the user name (Flickr's JSON keeps
    /// element text in <c>_content</c>); no email, no picture.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var user = Json.Member(p, "user");
        return new(Json.Text(user, "id"), Json.Text(Json.Member(user, "username"), "_content"), null, false, null);
    }
}

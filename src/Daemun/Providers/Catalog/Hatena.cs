using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Hatena (はてな), OAuth 1.0a with HMAC-SHA1 (docs/providers/hatena.md). The scope <c>read_public</c> goes with the temporary-credential
/// request; the profile is <c>GET /applications/my.json</c>, whose <c>url_name</c> is the Hatena ID. Hatena shares no email address.</summary>
[BuiltInProvider(Id)]
public static class Hatena
{
    /// <summary>The provider id.</summary>
    public const string Id = "hatena";

    /// <summary>Hatena's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Hatena",
        Kind = ProviderKind.OAuth1,
        RequestTokenEndpoint = "https://www.hatena.com/oauth/initiate",
        AuthorizationEndpoint = "https://www.hatena.ne.jp/oauth/authorize",
        AccessTokenEndpoint = "https://www.hatena.com/oauth/token",
        UserInfoEndpoint = "https://n.hatena.com/applications/my.json",
        RequestTokenParameters = new Dictionary<string, string> { ["scope"] = "read_public" },
        MapProfile = Map,
        Fields = new("url_name", "display_name", "", "profile_image_url", ""),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developer.hatena.ne.jp/ja/documents/auth/apis/oauth",
            "https://developer.hatena.ne.jp/ja/documents/auth/apis/oauth/consumer",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary><c>{"url_name","display_name","profile_image_url"}</c>: the Hatena ID is the account id.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "url_name"),
        Json.Text(p, "display_name") ?? Json.Text(p, "url_name"),
        null,
        false,
        Json.Text(p, "profile_image_url"));
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>TikTok Login Kit for Web (v2), OAuth 2.0 (docs/providers/tiktok.md). TikTok names the client id <c>client_key</c> in the
/// authorization and token requests, takes comma-separated scopes, and answers the profile in a <c>data.user</c> envelope with an
/// <c>error.code</c> that is <c>ok</c> on success; TikTok gives no email.</summary>
[BuiltInProvider(Id)]
public static class TikTok
{
    /// <summary>The provider id (Auth.js: <c>tiktok</c>).</summary>
    public const string Id = "tiktok";

    /// <summary>TikTok's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "TikTok",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.tiktok.com/v2/auth/authorize/",
        TokenEndpoint = "https://open.tiktokapis.com/v2/oauth/token/",
        UserInfoEndpoint = "https://open.tiktokapis.com/v2/user/info/",
        Profile = new TikTokProfileRequest { Query = new Dictionary<string, string> { ["fields"] = "open_id,union_id,avatar_url,display_name" } },
        Scopes = ["user.info.basic"],
        ScopeSeparator = ",",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenRequest = new() { ClientIdParameter = "client_key" },
        MapProfile = Map,
        Fields = new("open_id", "display_name", null, "avatar_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.tiktok.com/doc/login-kit-web/",
            "https://developers.tiktok.com/doc/oauth-user-access-token-management/",
            "https://developers.tiktok.com/doc/tiktok-api-v2-get-user-info/",
            "https://developers.tiktok.com/doc/login-kit-design-guidelines/",
        ],
        Style = new("#000000", "#FFFFFF"),
    };

    /// <summary>The user in <c>data.user</c> (<see cref="TikTokProfileRequest"/> unwraps it): <c>open_id</c>, <c>display_name</c>, <c>avatar_url</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "open_id"),
        Json.Text(p, "display_name"),
        Email: null,
        EmailVerified: false,
        Json.Text(p, "avatar_url"));
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Reddit, OAuth 2.0 (docs/providers/reddit.md): HTTP Basic client authentication, <c>duration=temporary</c>, the profile at
/// <c>oauth.reddit.com/api/v1/me</c>; Reddit gives no email. Reddit's API rules ask for a unique, descriptive User-Agent per app.</summary>
[BuiltInProvider(Id)]
public static class Reddit
{
    /// <summary>The provider id (Auth.js: <c>reddit</c>).</summary>
    public const string Id = "reddit";

    /// <summary>The unique, descriptive User-Agent Reddit's API rules ask of every call (<c>&lt;platform&gt;:&lt;app ID&gt;:&lt;version&gt; (by …)</c>);
    /// a generic one is rate-limited (HTTP 429).</summary>
    public const string UserAgent = "web:{ClientId}:v1 (by Daemun)";

    private static readonly Dictionary<string, string> UserAgentHeader = new(StringComparer.Ordinal) { ["User-Agent"] = UserAgent };

    /// <summary>Reddit's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Reddit",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.reddit.com/api/v1/authorize",
        TokenEndpoint = "https://www.reddit.com/api/v1/access_token",
        UserInfoEndpoint = "https://oauth.reddit.com/api/v1/me",
        Scopes = ["identity"],
        AuthorizationParameters = new Dictionary<string, string> { ["duration"] = "temporary" },
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        TokenRequest = new() { Headers = UserAgentHeader },
        Profile = new ProfileRequest { Headers = UserAgentHeader },
        TokenResponse = new() { RefusesWithHttp200 = true },
        MapProfile = Map,
        Fields = new("id", "name", null, "icon_img"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://github.com/reddit-archive/reddit/wiki/OAuth2",
            "https://www.reddit.com/dev/api/#GET_api_v1_me",
            "https://github.com/reddit-archive/reddit/wiki/API",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Reddit's account: <c>id</c> (base 36), <c>name</c>; <c>icon_img</c> arrives HTML-escaped (<c>&amp;amp;</c>), so it is unescaped.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name"),
        Email: null,
        EmailVerified: false,
        Json.Text(p, "icon_img")?.Replace("&amp;", "&", StringComparison.Ordinal));
}

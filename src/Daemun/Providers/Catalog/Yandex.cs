using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Yandex ID, OAuth 2.0 with PKCE (docs/providers/yandex.md): the profile at <c>login.yandex.ru/info?format=json</c> with the token
/// under the <c>OAuth</c> scheme; the avatar is an id made into a URL. Yandex does not say the email is verified.</summary>
[BuiltInProvider(Id)]
public static class Yandex
{
    /// <summary>The provider id (Auth.js: <c>yandex</c>).</summary>
    public const string Id = "yandex";

    /// <summary>Yandex's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Yandex",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://oauth.yandex.ru/authorize",
        TokenEndpoint = "https://oauth.yandex.ru/token",
        UserInfoEndpoint = "https://login.yandex.ru/info",
        Profile = new ProfileRequest { Query = new Dictionary<string, string> { ["format"] = "json" }, TokenScheme = "OAuth" },
        Scopes = ["login:info", "login:email", "login:avatar"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        PassThroughParameters = new HashSet<string> { "login_hint" },
        MapProfile = Map,
        Fields = new("id", "real_name", "default_email", "default_avatar_id"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://yandex.ru/dev/id/doc/en/codes/code-url",
            "https://yandex.ru/dev/id/doc/en/user-information",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Yandex's user: <c>id</c>, <c>real_name</c> then <c>display_name</c> then <c>login</c>, <c>default_email</c> (else the first of
    /// <c>emails</c>), and the avatar from <c>default_avatar_id</c> unless <c>is_avatar_empty</c>. No email is marked verified.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var email = Json.Text(p, "default_email");
        if (email is null && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("emails", out var emails) && emails.ValueKind == JsonValueKind.Array)
        {
            email = emails.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).FirstOrDefault(e => !string.IsNullOrWhiteSpace(e));
        }
        var avatar = Json.Text(p, "default_avatar_id");
        return new(
            Json.Text(p, "id"),
            Json.Text(p, "real_name") ?? Json.Text(p, "display_name") ?? Json.Text(p, "login"),
            email,
            EmailVerified: false,
            avatar is not null && !Json.Bool(p, "is_avatar_empty") ? $"https://avatars.yandex.net/get-yapic/{Uri.EscapeDataString(avatar)}/islands-200" : null);
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Chatwork, OAuth 2.0 with PKCE and HTTP Basic client authentication; the profile is <c>GET /v2/me</c> (docs/providers/chatwork.md).</summary>
[BuiltInProvider(Id)]
public static class Chatwork
{
    /// <summary>The provider id.</summary>
    public const string Id = "chatwork";

    /// <summary>Chatwork's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Chatwork",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.chatwork.com/packages/oauth2/login.php",
        TokenEndpoint = "https://oauth.chatwork.com/token",
        UserInfoEndpoint = "https://api.chatwork.com/v2/me",
        Scopes = ["users.profile.me:read"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("account_id", "name", "login_mail", "avatar_image_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developer.chatwork.com/docs/oauth", "https://developer.chatwork.com/reference/get-me"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Chatwork's own account: <c>account_id</c> (a number), <c>name</c>, <c>login_mail</c> (the sign-in address; <c>mail</c> is a
    /// free contact field and is not used), <c>avatar_image_url</c>. Chatwork documents no verification state, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "account_id"),
        Json.Text(p, "name"),
        Json.Text(p, "login_mail"),
        EmailVerified: false,
        Json.Text(p, "avatar_image_url"));
}

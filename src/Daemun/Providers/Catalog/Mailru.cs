using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Mail.ru, OAuth 2.0 (docs/providers/mailru.md): the profile from <c>oauth.mail.ru/userinfo</c> with the access token in the
/// <c>access_token</c> query parameter. Mail.ru does not say the email is verified.</summary>
[BuiltInProvider(Id)]
public static class Mailru
{
    /// <summary>The provider id (Auth.js: <c>mailru</c>).</summary>
    public const string Id = "mailru";

    /// <summary>Mail.ru's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Mail.ru",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://oauth.mail.ru/login",
        TokenEndpoint = "https://oauth.mail.ru/token",
        UserInfoEndpoint = "https://oauth.mail.ru/userinfo",
        Profile = new ProfileRequest { TokenQueryParameter = "access_token" },
        Scopes = ["userinfo"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "name", "email", "image"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://oauth.mail.ru/docs/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Mail.ru's userinfo: <c>id</c>, <c>name</c> before <c>nickname</c>, <c>email</c>, <c>image</c>; no email is marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name") ?? Json.Text(p, "nickname"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "image"));
}

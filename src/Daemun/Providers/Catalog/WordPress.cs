using System.Text.Json;

namespace Daemun.Providers;

/// <summary>WordPress.com, OAuth 2.0 (docs/providers/wordpress.md): the <c>auth</c> scope gives the account at <c>/rest/v1/me</c>.
/// WordPress.com does not document that the email it returns is verified, so it never counts as verified.</summary>
[BuiltInProvider(Id)]
public static class WordPress
{
    /// <summary>The provider id (Auth.js: <c>wordpress</c>).</summary>
    public const string Id = "wordpress";

    /// <summary>WordPress.com's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "WordPress.com",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://public-api.wordpress.com/oauth2/authorize",
        TokenEndpoint = "https://public-api.wordpress.com/oauth2/token",
        UserInfoEndpoint = "https://public-api.wordpress.com/rest/v1/me",
        Scopes = ["auth"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("ID", "display_name", "email", "avatar_URL"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developer.wordpress.com/docs/oauth2/",
            "https://developer.wordpress.com/docs/api/1/get/me/",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The account: numeric <c>ID</c>, <c>display_name</c> before <c>username</c>, <c>email</c> (never marked verified), <c>avatar_URL</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "ID"),
        Json.Text(p, "display_name") ?? Json.Text(p, "username"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "avatar_URL"));
}

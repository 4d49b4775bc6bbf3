using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Dribbble, OAuth 2.0 with API v2 (docs/providers/dribbble.md): the <c>public</c> scope gives the user at <c>/v2/user</c>, whose
/// numeric <c>id</c> is kept as text. Dribbble does not say an email is verified.</summary>
[BuiltInProvider(Id)]
public static class Dribbble
{
    /// <summary>The provider id (Auth.js: <c>dribbble</c>).</summary>
    public const string Id = "dribbble";

    /// <summary>Dribbble's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Dribbble",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://dribbble.com/oauth/authorize",
        TokenEndpoint = "https://dribbble.com/oauth/token",
        UserInfoEndpoint = "https://api.dribbble.com/v2/user",
        Scopes = ["public"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "name", "email", "avatar_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developer.dribbble.com/v2/oauth/",
            "https://developer.dribbble.com/v2/user/",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Dribbble's user: <c>id</c> (a number), <c>name</c> before <c>login</c>, <c>email</c> when present (never marked verified), <c>avatar_url</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name") ?? Json.Text(p, "login"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "avatar_url"));
}

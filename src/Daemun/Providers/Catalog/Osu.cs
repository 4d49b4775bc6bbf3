using System.Text.Json;

namespace Daemun.Providers;

/// <summary>osu!, OAuth 2.0 with API v2 (docs/providers/osu.md): the profile at <c>/api/v2/me</c>, whose numeric <c>id</c> is kept as text;
/// osu! gives no email.</summary>
[BuiltInProvider(Id)]
public static class Osu
{
    /// <summary>The provider id (Auth.js: <c>osu</c>).</summary>
    public const string Id = "osu";

    /// <summary>osu!'s declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "osu!",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://osu.ppy.sh/oauth/authorize",
        TokenEndpoint = "https://osu.ppy.sh/oauth/token",
        UserInfoEndpoint = "https://osu.ppy.sh/api/v2/me",
        Scopes = ["identify"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "username", null, "avatar_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://osu.ppy.sh/docs/#authorization-code-grant",
            "https://osu.ppy.sh/docs/#get-own-data",
            "https://osu.ppy.sh/wiki/en/Brand_identity_guidelines",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>osu!'s user: <c>id</c> (a number), <c>username</c>, <c>avatar_url</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "username"),
        Email: null,
        EmailVerified: false,
        Json.Text(p, "avatar_url"));
}

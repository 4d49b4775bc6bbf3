using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Deezer, its own OAuth 2.0 dialect (docs/providers/deezer.md): the client id is <c>app_id</c> and the scope <c>perms</c>
/// (comma-separated) at the authorization endpoint; the code is exchanged at <c>access_token.php</c> with <c>app_id</c>, <c>secret</c>,
/// <c>code</c> and <c>output=json</c>; API calls take the token in the <c>access_token</c> query parameter and report errors with HTTP 200
/// (<see cref="DeezerProfileRequest"/>). Deezer does not say the email is verified.</summary>
[BuiltInProvider(Id)]
public static class Deezer
{
    /// <summary>The provider id (not in Auth.js).</summary>
    public const string Id = "deezer";

    /// <summary>Deezer's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Deezer",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://connect.deezer.com/oauth/auth.php",
        TokenEndpoint = "https://connect.deezer.com/oauth/access_token.php",
        UserInfoEndpoint = "https://api.deezer.com/user/me",
        Profile = new DeezerProfileRequest { TokenQueryParameter = "access_token" },
        Scopes = ["basic_access", "email"],
        ScopeSeparator = ",",
        ScopeParameter = "perms",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenRequest = new()
        {
            Format = TokenRequestFormat.Query, // GET access_token.php?app_id=&secret=&code=&output=json
            ClientIdParameter = "app_id",
            ClientSecretParameter = "secret",
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["output"] = "json" },
        },
        TokenResponse = new() { RefusesWithHttp200 = true },
        MapProfile = Map,
        Fields = new("id", "name", "email", "picture_medium"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.deezer.com/api/oauth",
            "https://developers.deezer.com/api/user",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Deezer's user: <c>id</c> (a number), <c>name</c> (the user name), <c>email</c> (never marked verified), <c>picture_medium</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "picture_medium") ?? Json.Text(p, "picture"));
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Strava, OAuth 2.0 (docs/providers/strava.md): comma-separated scopes, <c>approval_prompt=auto</c>, the athlete at
/// <c>/api/v3/athlete</c> with an int64 <c>id</c> kept as text. Strava gives no email.</summary>
[BuiltInProvider(Id)]
public static class Strava
{
    /// <summary>The provider id (Auth.js: <c>strava</c>).</summary>
    public const string Id = "strava";

    /// <summary>Strava's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Strava",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.strava.com/oauth/authorize",
        TokenEndpoint = "https://www.strava.com/oauth/token",
        UserInfoEndpoint = "https://www.strava.com/api/v3/athlete",
        Scopes = ["read"],
        ScopeSeparator = ",",
        AuthorizationParameters = new Dictionary<string, string> { ["approval_prompt"] = "auto" },
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "firstname", null, "profile"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.strava.com/docs/authentication/",
            "https://developers.strava.com/docs/reference/#api-Athletes-getLoggedInAthlete",
            "https://developers.strava.com/guidelines/",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The athlete: <c>id</c> (int64), <c>firstname</c> and <c>lastname</c>, <c>profile</c> (the large picture); no email.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var name = string.Join(' ', new[] { Json.Text(p, "firstname"), Json.Text(p, "lastname") }.OfType<string>());
        return new(Json.Text(p, "id"), name.Length > 0 ? name : Json.Text(p, "username"), Email: null, EmailVerified: false, Json.Text(p, "profile"));
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Trakt, OAuth 2.0 (docs/providers/trakt.md): every API call carries <c>trakt-api-version: 2</c> and the client id as
/// <c>trakt-api-key</c>; the profile is <c>/users/settings</c>, whose <c>user.ids.uuid</c> is the account. Trakt gives no email.</summary>
[BuiltInProvider(Id)]
public static class Trakt
{
    /// <summary>The provider id (Auth.js: <c>trakt</c>).</summary>
    public const string Id = "trakt";

    /// <summary>Trakt's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Trakt",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://trakt.tv/oauth/authorize",
        TokenEndpoint = "https://api.trakt.tv/oauth/token",
        UserInfoEndpoint = "https://api.trakt.tv/users/settings",
        Profile = new ProfileRequest { Headers = new Dictionary<string, string> { ["trakt-api-version"] = "2", ["trakt-api-key"] = "{ClientId}" } },
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenRequest = new() { Format = TokenRequestFormat.Json }, // code, client_id, client_secret, redirect_uri, grant_type as JSON
        MapProfile = Map,
        Fields = new("user.ids.uuid", "user.name", null, "user.images.avatar.full"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://trakt.docs.apiary.io/#reference/authentication-oauth",
            "https://trakt.docs.apiary.io/#reference/users/settings/retrieve-settings",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The settings' <c>user</c>: <c>ids.uuid</c> (the slug changes with the username), <c>name</c> before <c>username</c>,
    /// <c>images.avatar.full</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var user = Json.Member(p, "user");
        return new(
            Json.Path(user, "ids.uuid"),
            Json.Text(user, "name") ?? Json.Text(user, "username"),
            Email: null,
            EmailVerified: false,
            Json.Path(user, "images.avatar.full"));
    }
}

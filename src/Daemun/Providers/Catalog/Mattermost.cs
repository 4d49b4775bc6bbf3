using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Mattermost, OAuth 2.0 of a Mattermost server acting as the provider; the profile is <c>GET /api/v4/users/me</c>
/// (docs/providers/mattermost.md).</summary>
[BuiltInProvider(Id)]
public static class Mattermost
{
    /// <summary>The provider id (Auth.js: <c>mattermost</c>).</summary>
    public const string Id = "mattermost";

    /// <summary>Mattermost's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Mattermost",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://{Domain}/oauth/authorize",
        TokenEndpoint = "https://{Domain}/oauth/access_token",
        UserInfoEndpoint = "https://{Domain}/api/v4/users/me",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenResponse = new MattermostTokenResponse(),
        MapProfile = Map,
        Fields = new("id", "first_name", "email", null, "email_verified"),
        EmailVerifiedRule = "the email_verified member is true",
        Parameters = [new("Domain", "The host of your Mattermost server.", "mattermost.example.com")],
        DocumentationLinks =
        [
            "https://developers.mattermost.com/integrate/apps/authentication/oauth2/",
            "https://developers.mattermost.com/api-documentation/#/operations/GetUser",
            "https://developers.mattermost.com/api-documentation/#/#errors",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Mattermost's user: <c>id</c>, <c>first_name</c> and <c>last_name</c> joined (else <c>nickname</c>, else <c>username</c>), <c>email</c>,
    /// <c>email_verified</c>; the profile image needs the person's token, so none is kept.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var name = string.Join(' ', new[] { Json.Text(p, "first_name"), Json.Text(p, "last_name") }.OfType<string>());
        return new(
            Json.Text(p, "id"),
            name.Length > 0 ? name : Json.Text(p, "nickname") ?? Json.Text(p, "username"),
            Json.Text(p, "email"),
            Json.Bool(p, "email_verified"),
            null);
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Todoist, OAuth 2.0; the profile is <c>GET /api/v1/user</c> of the Todoist API v1 (docs/providers/todoist.md).</summary>
[BuiltInProvider(Id)]
public static class Todoist
{
    /// <summary>The provider id (Auth.js: <c>todoist</c>).</summary>
    public const string Id = "todoist";

    /// <summary>Todoist's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Todoist",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://app.todoist.com/oauth/authorize",
        TokenEndpoint = "https://api.todoist.com/oauth/access_token",
        UserInfoEndpoint = "https://api.todoist.com/api/v1/user",
        Scopes = ["data:read"],
        ScopeSeparator = ",",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "full_name", "email", "avatar_big"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developer.todoist.com/api/v1/#tag/Authorization", "https://developer.todoist.com/api/v1/#tag/User"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Todoist's user: <c>id</c> (a string), <c>full_name</c>, <c>email</c>, <c>avatar_big</c>. Todoist documents no verification
    /// state for the address, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "full_name"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "avatar_big"));
}

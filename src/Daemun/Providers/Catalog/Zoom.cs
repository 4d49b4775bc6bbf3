using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Zoom, OAuth 2.0 with PKCE and HTTP Basic client authentication; the profile is <c>GET /v2/users/me</c> (docs/providers/zoom.md).</summary>
[BuiltInProvider(Id)]
public static class Zoom
{
    /// <summary>The provider id (Auth.js: <c>zoom</c>).</summary>
    public const string Id = "zoom";

    /// <summary>Zoom's declaration. Zoom grants the scopes chosen for the app (<c>user:read:user</c>); none are sent.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Zoom",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://zoom.us/oauth/authorize",
        TokenEndpoint = "https://zoom.us/oauth/token",
        UserInfoEndpoint = "https://api.zoom.us/v2/users/me",
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("id", "display_name", "email", "pic_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developers.zoom.us/docs/integrations/oauth/", "https://developers.zoom.us/docs/api/users/#tag/users/GET/users/{userId}", "https://brand.zoom.com/"],
        Style = new("#0B5CFF", "#FFFFFF"),
    };

    /// <summary>Zoom's user: <c>id</c>, <c>display_name</c> (else <c>first_name</c> and <c>last_name</c>), <c>email</c>, <c>pic_url</c>. Its
    /// <c>verified</c> member is about the user, not documented as the address's verification, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var full = string.Join(' ', new[] { Json.Text(p, "first_name"), Json.Text(p, "last_name") }.OfType<string>());
        return new(
            Json.Text(p, "id"),
            Json.Text(p, "display_name") ?? (full.Length > 0 ? full : null),
            Json.Text(p, "email"),
            EmailVerified: false,
            Json.Text(p, "pic_url"));
    }
}

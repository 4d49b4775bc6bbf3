using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Spotify, OAuth 2.0 authorization code with PKCE (docs/providers/spotify.md): HTTP Basic client authentication, the profile at
/// <c>/v1/me</c>. Spotify documents the email as unverified, so it never counts as verified.</summary>
[BuiltInProvider(Id)]
public static class Spotify
{
    /// <summary>The provider id (Auth.js: <c>spotify</c>).</summary>
    public const string Id = "spotify";

    /// <summary>Spotify's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Spotify",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://accounts.spotify.com/authorize",
        TokenEndpoint = "https://accounts.spotify.com/api/token",
        UserInfoEndpoint = "https://api.spotify.com/v1/me",
        Scopes = ["user-read-email"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("id", "display_name", "email", "images.0.url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developer.spotify.com/documentation/web-api/tutorials/code-flow",
            "https://developer.spotify.com/documentation/web-api/reference/get-current-users-profile",
            "https://developer.spotify.com/documentation/design",
        ],
        Style = new("#1DB954", "#000000"),
    };

    /// <summary>Spotify's user: <c>id</c>, <c>display_name</c>, <c>email</c> (documented as unverified), the first of <c>images</c>.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        string? image = null;
        if (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
        {
            image = images.EnumerateArray().Select(i => Json.Text(i, "url")).FirstOrDefault(u => u is not null);
        }
        return new(Json.Text(p, "id"), Json.Text(p, "display_name"), Json.Text(p, "email"), EmailVerified: false, image);
    }
}

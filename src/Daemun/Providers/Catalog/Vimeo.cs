using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Vimeo, OAuth 2.0 (docs/providers/vimeo.md): HTTP Basic client authentication, the user at <c>/me</c> with the API version in
/// <c>Accept</c>; the account id is the last segment of the user's <c>uri</c> (<c>/users/152184</c>). Vimeo gives no email.</summary>
[BuiltInProvider(Id)]
public static class Vimeo
{
    /// <summary>The provider id (not in Auth.js).</summary>
    public const string Id = "vimeo";

    /// <summary>Vimeo's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Vimeo",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://api.vimeo.com/oauth/authorize",
        TokenEndpoint = "https://api.vimeo.com/oauth/access_token",
        UserInfoEndpoint = "https://api.vimeo.com/me",
        Profile = new ProfileRequest { Headers = new Dictionary<string, string> { ["Accept"] = "application/vnd.vimeo.*+json;version=3.4" } },
        Scopes = ["public"],
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("uri", "name", null, "pictures.base_link"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developer.vimeo.com/api/authentication#using-the-auth-code-grant",
            "https://developer.vimeo.com/api/reference/users#get_user",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Vimeo's user: the id from <c>uri</c>, <c>name</c>, the largest of <c>pictures.sizes</c> (else <c>pictures.base_link</c>); no email.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var uri = Json.Text(p, "uri");
        var id = uri?.TrimEnd('/').Split('/')[^1];
        var pictures = Json.Member(p, "pictures");
        string? image = null;
        if (pictures.ValueKind == JsonValueKind.Object && pictures.TryGetProperty("sizes", out var sizes) && sizes.ValueKind == JsonValueKind.Array)
        {
            image = sizes.EnumerateArray()
                .Select(s => (Width: s.ValueKind == JsonValueKind.Object && s.TryGetProperty("width", out var w) && w.ValueKind == JsonValueKind.Number && w.TryGetInt32(out var n) ? n : 0, Link: Json.Text(s, "link")))
                .Where(s => s.Link is not null)
                .OrderByDescending(s => s.Width)
                .Select(s => s.Link)
                .FirstOrDefault();
        }
        return new(string.IsNullOrEmpty(id) ? null : id, Json.Text(p, "name"), Email: null, EmailVerified: false, image ?? Json.Text(pictures, "base_link"));
    }
}

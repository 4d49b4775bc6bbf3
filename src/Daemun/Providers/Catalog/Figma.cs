using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Figma, OAuth 2.0 with HTTP Basic client authentication; the profile is <c>GET /v1/me</c> (docs/providers/figma.md).</summary>
[BuiltInProvider(Id)]
public static class Figma
{
    /// <summary>The provider id (Auth.js: <c>figma</c>).</summary>
    public const string Id = "figma";

    /// <summary>Figma's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Figma",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.figma.com/oauth",
        TokenEndpoint = "https://api.figma.com/v1/oauth/token",
        UserInfoEndpoint = "https://api.figma.com/v1/me",
        Scopes = ["current_user:read"],
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("id", "handle", "email", "img_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developers.figma.com/docs/rest-api/oauth-apps/", "https://developers.figma.com/docs/rest-api/users-endpoints/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Figma's user: <c>id</c>, <c>handle</c>, <c>email</c>, <c>img_url</c>. Figma documents no verification state, so the address is
    /// never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "handle"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "img_url"));
}

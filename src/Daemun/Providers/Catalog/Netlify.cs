using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Netlify, OAuth 2.0; the profile is <c>GET /api/v1/user</c> (docs/providers/netlify.md).</summary>
[BuiltInProvider(Id)]
public static class Netlify
{
    /// <summary>The provider id (Auth.js: <c>netlify</c>).</summary>
    public const string Id = "netlify";

    /// <summary>Netlify's declaration. Netlify has no scopes.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Netlify",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://app.netlify.com/authorize",
        TokenEndpoint = "https://api.netlify.com/oauth/token",
        UserInfoEndpoint = "https://api.netlify.com/api/v1/user",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "full_name", "email", "avatar_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://docs.netlify.com/api/get-started/#authentication", "https://open-api.netlify.com/#tag/user/operation/getCurrentUser"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Netlify's user: <c>id</c>, <c>full_name</c>, <c>email</c>, <c>avatar_url</c>. Netlify documents no verification state, so the
    /// address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "full_name"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "avatar_url"));
}

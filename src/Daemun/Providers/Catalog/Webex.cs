using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Webex, OAuth 2.0 with PKCE; the profile is <c>GET /v1/people/me</c>, whose <c>emails</c> is an array (docs/providers/webex.md).</summary>
[BuiltInProvider(Id)]
public static class Webex
{
    /// <summary>The provider id (Auth.js: <c>webex</c>).</summary>
    public const string Id = "webex";

    /// <summary>Webex's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Webex",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://webexapis.com/v1/authorize",
        TokenEndpoint = "https://webexapis.com/v1/access_token",
        UserInfoEndpoint = "https://webexapis.com/v1/people/me",
        Scopes = ["spark:kms", "spark:people_read"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "displayName", "emails", "avatar"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developer.webex.com/docs/integrations", "https://developer.webex.com/docs/api/v1/people/get-my-own-details"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Webex's person: <c>id</c>, <c>displayName</c>, the first of <c>emails</c>, <c>avatar</c>. Webex documents no verification
    /// state, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        string? email = null;
        if (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("emails", out var emails) && emails.ValueKind == JsonValueKind.Array
            && emails.GetArrayLength() > 0 && emails[0].ValueKind == JsonValueKind.String)
        {
            email = emails[0].GetString();
        }
        return new(
            Json.Text(p, "id"),
            Json.Text(p, "displayName") ?? Json.Text(p, "nickName"),
            string.IsNullOrWhiteSpace(email) ? null : email,
            EmailVerified: false,
            Json.Text(p, "avatar"));
    }
}

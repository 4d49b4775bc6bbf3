using System.Text.Json;

namespace Daemun.Providers;

/// <summary>HubSpot, OAuth 2.0; the profile is the access-token information <c>GET /oauth/v1/access-tokens/{token}</c>, whose <c>user</c> is
/// the person's address (docs/providers/hubspot.md).</summary>
[BuiltInProvider(Id)]
public static class HubSpot
{
    /// <summary>The provider id (Auth.js: <c>hubspot</c>).</summary>
    public const string Id = "hubspot";

    /// <summary>HubSpot's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "HubSpot",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://app.hubspot.com/oauth/authorize",
        TokenEndpoint = "https://api.hubapi.com/oauth/v1/token",
        UserInfoEndpoint = "https://api.hubapi.com/oauth/v1/access-tokens",
        Scopes = ["oauth"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        // the token information echoes the access token in "token": never stored with the account
        Profile = new HubSpotProfileRequest { UnstoredMembers = ["token"] },
        MapProfile = Map,
        Fields = new("user_id", "user", "user", null),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developers.hubspot.com/docs/api/oauth-quickstart-guide", "https://developers.hubspot.com/docs/api/oauth/tokens"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The token information: <c>user_id</c> (a number) and <c>user</c> (the address, also the only name HubSpot gives).
    /// HubSpot documents no verification state for it, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "user_id"),
        Json.Text(p, "user"),
        Json.Text(p, "user"),
        EmailVerified: false,
        null);
}

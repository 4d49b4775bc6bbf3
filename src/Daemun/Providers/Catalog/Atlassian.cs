using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Atlassian, OAuth 2.0 (3LO) with the <c>api.atlassian.com</c> audience; the profile is <c>GET /me</c> (docs/providers/atlassian.md).</summary>
[BuiltInProvider(Id)]
public static class Atlassian
{
    /// <summary>The provider id (Auth.js: <c>atlassian</c>).</summary>
    public const string Id = "atlassian";

    /// <summary>Atlassian's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Atlassian",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://auth.atlassian.com/authorize",
        TokenEndpoint = "https://auth.atlassian.com/oauth/token",
        UserInfoEndpoint = "https://api.atlassian.com/me",
        Scopes = ["read:me"],
        AuthorizationParameters = new Dictionary<string, string> { ["audience"] = "api.atlassian.com" },
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenRequest = new() { Format = TokenRequestFormat.Json }, // grant_type, client_id, client_secret, code, redirect_uri as JSON
        MapProfile = Map,
        Fields = new("account_id", "name", "email", "picture"),
        NeverVerifiesEmails = true,
        PassThroughParameters = new HashSet<string> { "prompt" },
        DocumentationLinks = ["https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The user identity API's answer: <c>account_id</c>, <c>name</c> (falling back to <c>nickname</c>), <c>email</c>, <c>picture</c>.
    /// Atlassian documents no verification flag for the address, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "account_id"),
        Json.Text(p, "name") ?? Json.Text(p, "nickname"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Text(p, "picture"));
}

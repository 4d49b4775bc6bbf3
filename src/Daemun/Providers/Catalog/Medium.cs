using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Medium, OAuth 2.0 (docs/providers/medium.md): comma-separated scopes, the profile at <c>/v1/me</c> in a <c>data</c> envelope;
/// Medium gives no email. Medium no longer accepts new API integrations; existing ones keep working.</summary>
[BuiltInProvider(Id)]
public static class Medium
{
    /// <summary>The provider id (Auth.js: <c>medium</c>).</summary>
    public const string Id = "medium";

    /// <summary>Medium's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Medium",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://medium.com/m/oauth/authorize",
        TokenEndpoint = "https://api.medium.com/v1/tokens",
        UserInfoEndpoint = "https://api.medium.com/v1/me",
        Scopes = ["basicProfile"],
        ScopeSeparator = ",",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("data.id", "data.name", null, "data.imageUrl"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://github.com/Medium/medium-api-docs#2-authentication"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The user in <c>data</c>: <c>id</c>, <c>name</c> before <c>username</c>, <c>imageUrl</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var data = Json.Member(p, "data");
        return new(Json.Text(data, "id"), Json.Text(data, "name") ?? Json.Text(data, "username"), Email: null, EmailVerified: false, Json.Text(data, "imageUrl"));
    }
}

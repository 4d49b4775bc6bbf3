using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Patreon, OAuth 2.0 with API v2 (docs/providers/patreon.md). The profile is <c>/api/oauth2/v2/identity</c>, a JSON:API document
/// whose user attributes are asked for in <c>fields[user]</c>; <c>is_email_verified</c> says whether the email was verified.</summary>
[BuiltInProvider(Id)]
public static class Patreon
{
    /// <summary>The provider id (Auth.js: <c>patreon</c>).</summary>
    public const string Id = "patreon";

    /// <summary>Patreon's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Patreon",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.patreon.com/oauth2/authorize",
        TokenEndpoint = "https://www.patreon.com/api/oauth2/token",
        UserInfoEndpoint = "https://www.patreon.com/api/oauth2/v2/identity",
        Profile = new ProfileRequest { Query = new Dictionary<string, string> { ["fields[user]"] = "full_name,email,is_email_verified,image_url" } },
        Scopes = ["identity", "identity[email]"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("data.id", "data.attributes.full_name", "data.attributes.email", "data.attributes.image_url", "data.attributes.is_email_verified"),
        EmailVerifiedRule = "data.attributes.is_email_verified is true",
        DocumentationLinks =
        [
            "https://docs.patreon.com/#oauth",
            "https://docs.patreon.com/#get-api-oauth2-v2-identity",
            "https://www.patreon.com/brand",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The JSON:API user: <c>data.id</c> and <c>data.attributes</c> (<c>full_name</c>, <c>email</c>, <c>is_email_verified</c>, <c>image_url</c>).</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var data = Json.Member(p, "data");
        var attributes = Json.Member(data, "attributes");
        return new(
            Json.Text(data, "id"),
            Json.Text(attributes, "full_name"),
            Json.Text(attributes, "email"),
            Json.Bool(attributes, "is_email_verified"),
            Json.Text(attributes, "image_url"));
    }
}

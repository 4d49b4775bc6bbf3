using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Pipedrive, OAuth 2.0 with HTTP Basic client authentication; the profile is the <c>data</c> member of <c>GET /v1/users/me</c>
/// (docs/providers/pipedrive.md).</summary>
[BuiltInProvider(Id)]
public static class Pipedrive
{
    /// <summary>The provider id (Auth.js: <c>pipedrive</c>).</summary>
    public const string Id = "pipedrive";

    /// <summary>Pipedrive's declaration. Pipedrive grants the scopes chosen for the app; none are sent.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Pipedrive",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://oauth.pipedrive.com/oauth/authorize",
        TokenEndpoint = "https://oauth.pipedrive.com/oauth/token",
        UserInfoEndpoint = "https://api.pipedrive.com/v1/users/me",
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("data.id", "data.name", "data.email", "data.icon_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://pipedrive.readme.io/docs/marketplace-oauth-authorization", "https://developers.pipedrive.com/docs/api/v1/Users#getCurrentUser"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The user inside <c>data</c>: <c>id</c> (a number), <c>name</c>, <c>email</c>, <c>icon_url</c>. Pipedrive documents no
    /// verification state, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement answer)
    {
        var p = Json.Member(answer, "data");
        return new(
            Json.Text(p, "id"),
            Json.Text(p, "name"),
            Json.Text(p, "email"),
            EmailVerified: false,
            Json.Text(p, "icon_url"));
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Nextcloud, OAuth 2.0 of the server's built-in OAuth2 app; the profile is the OCS API's current user inside its <c>ocs</c>
/// envelope (<see cref="NextcloudProfileRequest"/>); emails are not verified (docs/providers/nextcloud.md).</summary>
[BuiltInProvider(Id)]
public static class Nextcloud
{
    /// <summary>The provider id (Auth.js: <c>nextcloud</c>).</summary>
    public const string Id = "nextcloud";

    /// <summary>Nextcloud's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Nextcloud",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://{Domain}/apps/oauth2/authorize",
        TokenEndpoint = "https://{Domain}/apps/oauth2/api/v1/token",
        UserInfoEndpoint = "https://{Domain}/ocs/v2.php/cloud/user",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        Profile = new NextcloudProfileRequest(),
        MapProfile = Map,
        Fields = new("id", "displayname", "email", null),
        NeverVerifiesEmails = true,
        Parameters = [new("Domain", "The host (and path, if any) of your Nextcloud server.", "cloud.example.com")],
        DocumentationLinks =
        [
            "https://docs.nextcloud.com/server/latest/admin_manual/configuration_server/oauth2.html",
            "https://docs.nextcloud.com/server/latest/developer_manual/client_apis/OCS/ocs-api-overview.html",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The OCS user (<c>ocs.data</c>): <c>id</c> (the user id), <c>displayname</c>, <c>email</c> as the person typed it.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "displayname") ?? Json.Text(p, "display-name"),
        Json.Text(p, "email"),
        false,
        null);
}

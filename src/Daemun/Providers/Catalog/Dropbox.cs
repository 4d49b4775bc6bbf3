using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Dropbox, OAuth 2.0 with PKCE; the profile is <c>POST /2/users/get_current_account</c> with the JSON body <c>null</c>
/// (docs/providers/dropbox.md).</summary>
[BuiltInProvider(Id)]
public static class Dropbox
{
    /// <summary>The provider id (Auth.js: <c>dropbox</c>).</summary>
    public const string Id = "dropbox";

    /// <summary>Dropbox's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Dropbox",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.dropbox.com/oauth2/authorize",
        TokenEndpoint = "https://api.dropboxapi.com/oauth2/token",
        UserInfoEndpoint = "https://api.dropboxapi.com/2/users/get_current_account",
        Scopes = ["account_info.read"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        Profile = new ProfileRequest { Method = "POST", JsonBody = "null" },
        MapProfile = Map,
        Fields = new("account_id", "name.display_name", "email", "profile_photo_url", "email_verified"),
        EmailVerifiedRule = "the email_verified member is true",
        PassThroughParameters = new HashSet<string> { "force_reauthentication" },
        ReauthenticationParameters = new Dictionary<string, string> { ["force_reauthentication"] = "true" },
        DocumentationLinks = ["https://developers.dropbox.com/oauth-guide", "https://www.dropbox.com/developers/documentation/http/documentation#users-get_current_account", "https://www.dropbox.com/developers/reference/branding-guide"],
        Style = new("#0061FE", "#FFFFFF"),
    };

    /// <summary>Dropbox's FullAccount: <c>account_id</c>, <c>name.display_name</c>, <c>email</c> with <c>email_verified</c>, <c>profile_photo_url</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "account_id"),
        Json.Path(p, "name.display_name"),
        Json.Text(p, "email"),
        Json.Bool(p, "email_verified"),
        Json.Text(p, "profile_photo_url"));
}

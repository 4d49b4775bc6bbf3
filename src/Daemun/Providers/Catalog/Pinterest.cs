using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Pinterest, OAuth 2.0 with API v5 (docs/providers/pinterest.md): HTTP Basic client authentication, comma-separated scopes,
/// the profile at <c>/v5/user_account</c>; Pinterest gives no email.</summary>
[BuiltInProvider(Id)]
public static class Pinterest
{
    /// <summary>The provider id (Auth.js: <c>pinterest</c>).</summary>
    public const string Id = "pinterest";

    /// <summary>Pinterest's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Pinterest",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.pinterest.com/oauth/",
        TokenEndpoint = "https://api.pinterest.com/v5/oauth/token",
        UserInfoEndpoint = "https://api.pinterest.com/v5/user_account",
        Scopes = ["user_accounts:read"],
        ScopeSeparator = ",",
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("id", "username", null, "profile_image"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.pinterest.com/docs/getting-started/set-up-authentication-and-authorization/",
            "https://developers.pinterest.com/docs/api/v5/user_account-get",
            "https://business.pinterest.com/brand-guidelines/",
        ],
        Style = new("#E60023", "#FFFFFF"),
    };

    /// <summary>The v5 user account: <c>id</c> (a string), <c>business_name</c> for business accounts, else <c>username</c>; <c>profile_image</c>.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "business_name") ?? Json.Text(p, "username"),
        Email: null,
        EmailVerified: false,
        Json.Text(p, "profile_image"));
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Facebook Login, OAuth 2.0 manual flow (docs/providers/facebook.md). The profile is the Graph API's <c>/me</c> with the fields
/// asked for in the query; the picture is nested in <c>picture.data.url</c>. Facebook does not say the email is verified.</summary>
[BuiltInProvider(Id)]
public static class Facebook
{
    /// <summary>The provider id (Auth.js: <c>facebook</c>).</summary>
    public const string Id = "facebook";

    /// <summary>Facebook's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Facebook",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.facebook.com/v23.0/dialog/oauth",
        TokenEndpoint = "https://graph.facebook.com/v23.0/oauth/access_token",
        UserInfoEndpoint = "https://graph.facebook.com/v23.0/me",
        Profile = new ProfileRequest { Query = new Dictionary<string, string> { ["fields"] = "id,name,email,picture" } },
        Scopes = ["public_profile", "email"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        ReauthenticationParameters = new Dictionary<string, string> { ["auth_type"] = "reauthenticate" },
        MapProfile = Map,
        Fields = new("id", "name", "email", "picture.data.url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow",
            "https://developers.facebook.com/docs/graph-api/reference/user",
            "https://developers.facebook.com/docs/facebook-login/userexperience",
        ],
        Style = new("#0866FF", "#FFFFFF"),
    };

    /// <summary>The Graph API user: <c>id</c>, <c>name</c>, <c>email</c> (absent when the person has no usable address), <c>picture.data.url</c>.
    /// No email is marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Path(p, "picture.data.url"));
}

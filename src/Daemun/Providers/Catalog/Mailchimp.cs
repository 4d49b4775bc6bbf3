using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Mailchimp, OAuth 2.0; the profile is the metadata endpoint, called with the <c>OAuth</c> Authorization scheme
/// (docs/providers/mailchimp.md).</summary>
[BuiltInProvider(Id)]
public static class Mailchimp
{
    /// <summary>The provider id (Auth.js: <c>mailchimp</c>).</summary>
    public const string Id = "mailchimp";

    /// <summary>Mailchimp's declaration. Mailchimp has no scopes.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Mailchimp",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://login.mailchimp.com/oauth2/authorize",
        TokenEndpoint = "https://login.mailchimp.com/oauth2/token",
        UserInfoEndpoint = "https://login.mailchimp.com/oauth2/metadata",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        Profile = new ProfileRequest { TokenScheme = "OAuth" },
        MapProfile = Map,
        Fields = new("login.login_id", "login.login_name", "login.login_email", "login.avatar"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The metadata's <c>login</c>: <c>login_id</c> (a number), <c>login_name</c> (else the account's <c>accountname</c>),
    /// <c>login_email</c> (else <c>email</c>), <c>avatar</c>. Mailchimp documents no verification state, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var login = Json.Member(p, "login");
        return new(
            Json.Text(login, "login_id"),
            Json.Text(login, "login_name") ?? Json.Text(p, "accountname"),
            Json.Text(login, "login_email") ?? Json.Text(login, "email"),
            EmailVerified: false,
            Json.Text(login, "avatar"));
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Login with Amazon, OAuth 2.0 with PKCE; the profile is <c>GET /user/profile</c> (docs/providers/amazon.md).</summary>
[BuiltInProvider(Id)]
public static class Amazon
{
    /// <summary>The provider id.</summary>
    public const string Id = "amazon";

    /// <summary>Login with Amazon's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Amazon",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.amazon.com/ap/oa",
        TokenEndpoint = "https://api.amazon.com/auth/o2/token",
        UserInfoEndpoint = "https://api.amazon.com/user/profile",
        Scopes = ["profile"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("user_id", "name", "email", null),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://developer.amazon.com/docs/login-with-amazon/authorization-code-grant.html", "https://developer.amazon.com/docs/login-with-amazon/obtain-customer-profile.html", "https://developer.amazon.com/docs/login-with-amazon/button.html"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The customer profile: <c>user_id</c> (<c>amzn1.account.…</c>), <c>name</c>, <c>email</c>; no picture. Amazon documents no
    /// verification state for the address, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "user_id"),
        Json.Text(p, "name"),
        Json.Text(p, "email"),
        EmailVerified: false,
        null);
}

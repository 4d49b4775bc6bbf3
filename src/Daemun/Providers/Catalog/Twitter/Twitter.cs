using System.Text.Json;

namespace Daemun.Providers;

/// <summary>X (formerly Twitter), OAuth 2.0 Authorization Code with PKCE, which X requires (S256), as a confidential client with HTTP Basic
/// (docs/providers/twitter.md). The profile is <c>GET /2/users/me</c> inside X's <c>data</c> envelope; the email is <c>confirmed_email</c>,
/// which X returns only with the <c>users.email</c> scope and only once the person confirmed it.</summary>
[BuiltInProvider(Id)]
public static class Twitter
{
    /// <summary>The provider id (Auth.js: <c>twitter</c>).</summary>
    public const string Id = "twitter";

    /// <summary>X's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "X",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://x.com/i/oauth2/authorize",
        TokenEndpoint = "https://api.x.com/2/oauth2/token",
        UserInfoEndpoint = "https://api.x.com/2/users/me",
        RevocationEndpoint = "https://api.x.com/2/oauth2/revoke",
        Unlink = UnlinkMethod.Revoke,
        Scopes = ["users.read", "tweet.read", "users.email"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        Profile = new XProfileRequest(),
        MapProfile = Map,
        Fields = new("id", "name", "confirmed_email", "profile_image_url", "confirmed_email"),
        EmailVerifiedRule = "the confirmed_email field is present: X returns only an address the person has confirmed",
        DocumentationLinks =
        [
            "https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code",
            "https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token",
            "https://docs.x.com/x-api/users/user-lookup-me",
            "https://devcommunity.x.com/t/announcing-support-for-email-address-retrieval-with-oauth-2-0-in-the-x-api-v2/240555",
            "https://about.x.com/en/who-we-are/brand-toolkit",
        ],
        Style = new("#000000", "#FFFFFF"),
    };

    /// <summary>The user object inside <c>data</c> (already unwrapped by <see cref="XProfileRequest"/>): <c>name</c> before <c>username</c>;
    /// <c>confirmed_email</c> is verified by definition.</summary>
    public static ProfileFields Map(JsonElement user)
    {
        var email = Json.Text(user, "confirmed_email");
        return new(
            Json.Text(user, "id"),
            Json.Text(user, "name") ?? Json.Text(user, "username"),
            email,
            email is not null,
            Json.Text(user, "profile_image_url"));
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Mastodon, OAuth 2.0 on one instance's domain (the app is registered on that instance); the profile is
/// <c>GET /api/v1/accounts/verify_credentials</c>, which has no email (docs/providers/mastodon.md).</summary>
[BuiltInProvider(Id)]
public static class Mastodon
{
    /// <summary>The provider id (Auth.js: <c>mastodon</c>).</summary>
    public const string Id = "mastodon";

    /// <summary>Mastodon's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Mastodon",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://{Domain}/oauth/authorize",
        TokenEndpoint = "https://{Domain}/oauth/token",
        UserInfoEndpoint = "https://{Domain}/api/v1/accounts/verify_credentials",
        RevocationEndpoint = "https://{Domain}/oauth/revoke",
        Unlink = UnlinkMethod.Revoke,
        Scopes = ["read:accounts"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "display_name", null, "avatar_static"),
        NeverVerifiesEmails = true,
        ReauthenticationParameters = new Dictionary<string, string> { ["force_login"] = "true" },
        PassThroughParameters = new HashSet<string> { "force_login", "lang" },
        Parameters = [new("Domain", "The domain of the Mastodon instance the app is registered on.", "mastodon.social")],
        DocumentationLinks =
        [
            "https://docs.joinmastodon.org/methods/oauth/",
            "https://docs.joinmastodon.org/methods/accounts/#verify_credentials",
            "https://docs.joinmastodon.org/entities/Account/",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Mastodon's CredentialAccount: <c>id</c> (a string), <c>display_name</c> (else <c>username</c>), <c>avatar_static</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "display_name") ?? Json.Text(p, "username"),
        null,
        false,
        Json.Text(p, "avatar_static") ?? Json.Text(p, "avatar"));
}

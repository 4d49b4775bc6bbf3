using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Wikimedia (MediaWiki OAuth 2.0 on Meta-Wiki) (docs/providers/wikimedia.md): the <c>mwoauth-authonlyprivate</c> grant gives the
/// profile with the email, and <c>confirmed_email</c> says whether the address was confirmed.</summary>
[BuiltInProvider(Id)]
public static class Wikimedia
{
    /// <summary>The provider id (Auth.js: <c>wikimedia</c>).</summary>
    public const string Id = "wikimedia";

    /// <summary>Wikimedia's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Wikimedia",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://meta.wikimedia.org/w/rest.php/oauth2/authorize",
        TokenEndpoint = "https://meta.wikimedia.org/w/rest.php/oauth2/access_token",
        UserInfoEndpoint = "https://meta.wikimedia.org/w/rest.php/oauth2/resource/profile",
        Scopes = ["mwoauth-authonlyprivate"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("sub", "username", "email", null, "confirmed_email"),
        EmailVerifiedRule = "the confirmed_email member is true",
        DocumentationLinks =
        [
            "https://www.mediawiki.org/wiki/OAuth/For_Developers",
            "https://api.wikimedia.org/wiki/Authentication",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The profile: <c>sub</c> (the central user id), <c>username</c>, <c>email</c> verified when <c>confirmed_email</c> is true; no image.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub"),
        Json.Text(p, "username"),
        Json.Text(p, "email"),
        Json.Bool(p, "confirmed_email"),
        Image: null);
}

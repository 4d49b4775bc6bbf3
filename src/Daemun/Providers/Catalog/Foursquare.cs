using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Foursquare, OAuth 2.0 with the v2 API (docs/providers/foursquare.md): the token goes in the <c>oauth_token</c> query parameter
/// with a version date <c>v</c>, and the user is <c>response.user</c> of the answer's envelope. Foursquare does not say the email is verified.</summary>
[BuiltInProvider(Id)]
public static class Foursquare
{
    /// <summary>The provider id (Auth.js: <c>foursquare</c>).</summary>
    public const string Id = "foursquare";

    /// <summary>Foursquare's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Foursquare",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://foursquare.com/oauth2/authenticate",
        TokenEndpoint = "https://foursquare.com/oauth2/access_token",
        UserInfoEndpoint = "https://api.foursquare.com/v2/users/self",
        Profile = new ProfileRequest { Query = new Dictionary<string, string> { ["v"] = "20231010" }, TokenQueryParameter = "oauth_token" },
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenRequest = new() { Format = TokenRequestFormat.Query }, // GET access_token?client_id=&client_secret=&grant_type=&redirect_uri=&code=
        MapProfile = Map,
        Fields = new("response.user.id", "response.user.firstName", "response.user.contact.email", "response.user.photo"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://docs.foursquare.com/developer/reference/personalization-apis-authentication",
            "https://docs.foursquare.com/developer/reference/v2-users-self",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The user in <c>response.user</c>: <c>id</c>, <c>firstName</c> and <c>lastName</c>, <c>contact.email</c>, and the photo made from
    /// <c>photo.prefix</c> + <c>original</c> + <c>photo.suffix</c>. No email is marked verified.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var user = Json.Member(Json.Member(p, "response"), "user");
        var name = string.Join(' ', new[] { Json.Text(user, "firstName"), Json.Text(user, "lastName") }.OfType<string>());
        var photo = Json.Member(user, "photo");
        var (prefix, suffix) = (Json.Text(photo, "prefix"), Json.Text(photo, "suffix"));
        return new(
            Json.Text(user, "id"),
            name.Length > 0 ? name : null,
            Json.Path(user, "contact.email"),
            EmailVerified: false,
            prefix is not null && suffix is not null ? prefix + "original" + suffix : null);
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Instagram, the Instagram API with Instagram Login (Business Login, professional accounts), OAuth 2.0 (docs/providers/instagram.md).
/// The profile is <c>graph.instagram.com/me</c> with the fields asked for in the query; Instagram gives no email.</summary>
[BuiltInProvider(Id)]
public static class Instagram
{
    /// <summary>The provider id (Auth.js: <c>instagram</c>).</summary>
    public const string Id = "instagram";

    /// <summary>Instagram's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Instagram",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://www.instagram.com/oauth/authorize",
        TokenEndpoint = "https://api.instagram.com/oauth/access_token",
        UserInfoEndpoint = "https://graph.instagram.com/v23.0/me",
        Profile = new ProfileRequest { Query = new Dictionary<string, string> { ["fields"] = "id,user_id,username,name,profile_picture_url" } },
        Scopes = ["instagram_business_basic"],
        ScopeSeparator = ",",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        // Business Login documents the code exchange's answer as {"data":[{"access_token","user_id","permissions"}]}; a flat answer is read too
        TokenResponse = new() { WrappedInDataArray = true },
        MapProfile = Map,
        Fields = new("id", "name", null, "profile_picture_url"),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login",
            "https://developers.facebook.com/docs/instagram-platform/reference/oauth-authorize",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The Instagram user: the app-scoped <c>id</c>, <c>name</c> before <c>username</c>, <c>profile_picture_url</c>; no email.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "name") ?? Json.Text(p, "username"),
        Email: null,
        EmailVerified: false,
        Json.Text(p, "profile_picture_url"));
}

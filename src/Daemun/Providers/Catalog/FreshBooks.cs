using System.Text.Json;

namespace Daemun.Providers;

/// <summary>FreshBooks, OAuth 2.0; the profile is the <c>response</c> member of <c>GET /auth/api/v1/users/me</c> (docs/providers/freshbooks.md).</summary>
[BuiltInProvider(Id)]
public static class FreshBooks
{
    /// <summary>The provider id (Auth.js: <c>freshbooks</c>).</summary>
    public const string Id = "freshbooks";

    /// <summary>FreshBooks' declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "FreshBooks",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://auth.freshbooks.com/oauth/authorize",
        TokenEndpoint = "https://api.freshbooks.com/auth/oauth/token",
        UserInfoEndpoint = "https://api.freshbooks.com/auth/api/v1/users/me",
        Scopes = ["user:profile:read"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("response.id", "response.first_name", "response.email", null),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://www.freshbooks.com/api/authentication", "https://www.freshbooks.com/api/me_endpoint"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The identity inside <c>response</c>: <c>id</c> (a number), <c>first_name</c> and <c>last_name</c>, <c>email</c>; no picture.
    /// FreshBooks documents no verification flag for the address, so it is never marked verified.</summary>
    public static ProfileFields Map(JsonElement answer)
    {
        var p = Json.Member(answer, "response");
        var name = string.Join(' ', new[] { Json.Text(p, "first_name"), Json.Text(p, "last_name") }.OfType<string>());
        return new(
            Json.Text(p, "id"),
            name.Length > 0 ? name : null,
            Json.Text(p, "email"),
            EmailVerified: false,
            null);
    }
}

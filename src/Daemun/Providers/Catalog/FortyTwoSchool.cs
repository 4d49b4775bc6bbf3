using System.Text.Json;

namespace Daemun.Providers;

/// <summary>42 School (the 42 intranet API), OAuth 2.0; the profile is <c>GET /v2/me</c> (docs/providers/42-school.md).</summary>
[BuiltInProvider(Id)]
public static class FortyTwoSchool
{
    /// <summary>The provider id (Auth.js: <c>42-school</c>).</summary>
    public const string Id = "42-school";

    /// <summary>42's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "42 School",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://api.intra.42.fr/oauth/authorize",
        TokenEndpoint = "https://api.intra.42.fr/oauth/token",
        UserInfoEndpoint = "https://api.intra.42.fr/v2/me",
        Scopes = ["public"],
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "usual_full_name", "email", "image.link"),
        NeverVerifiesEmails = true,
        DocumentationLinks = ["https://api.intra.42.fr/apidoc/guides/web_application_flow", "https://api.intra.42.fr/apidoc/2.0/users/me.html"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>42's user: <c>id</c> (a number), <c>usual_full_name</c> (else <c>displayname</c>), <c>email</c>, <c>image.link</c>. 42 documents
    /// no verification state, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "id"),
        Json.Text(p, "usual_full_name") ?? Json.Text(p, "displayname") ?? Json.Text(p, "login"),
        Json.Text(p, "email"),
        EmailVerified: false,
        Json.Path(p, "image.link"));
}

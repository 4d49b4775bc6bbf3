using System.Text.Json;

namespace Daemun.Providers;

/// <summary>WorkOS SSO, OAuth 2.0 in front of an organization's SAML or OIDC connection; the sign-in names it with <c>connection</c>,
/// <c>organization</c> or <c>provider</c>, and the profile is <c>GET /sso/profile</c> (docs/providers/workos.md).</summary>
[BuiltInProvider(Id)]
public static class WorkOS
{
    /// <summary>The provider id (Auth.js: <c>workos</c>).</summary>
    public const string Id = "workos";

    /// <summary>WorkOS's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "WorkOS",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://api.workos.com/sso/authorize",
        TokenEndpoint = "https://api.workos.com/sso/token",
        UserInfoEndpoint = "https://api.workos.com/sso/profile",
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "first_name", "email", "raw_attributes.picture"),
        NeverVerifiesEmails = true,
        PassThroughParameters = new HashSet<string> { "connection", "organization", "provider", "login_hint", "domain_hint" },
        DocumentationLinks = ["https://workos.com/docs/reference/sso", "https://workos.com/docs/sso/guide"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>WorkOS's profile object: <c>id</c>, <c>first_name</c> and <c>last_name</c> joined, <c>email</c> (not verified by WorkOS),
    /// the identity provider's <c>picture</c> attribute when it sends one.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var name = string.Join(' ', new[] { Json.Text(p, "first_name"), Json.Text(p, "last_name") }.OfType<string>());
        return new(Json.Text(p, "id"), name.Length > 0 ? name : null, Json.Text(p, "email"), false, Json.Path(p, "raw_attributes.picture"));
    }
}

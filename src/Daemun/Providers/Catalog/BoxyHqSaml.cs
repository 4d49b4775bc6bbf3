using System.Text.Json;

namespace Daemun.Providers;

/// <summary>BoxyHQ SAML (SAML Jackson), OAuth 2.0 in front of an organization's SAML identity provider, self-hosted; the sign-in names the
/// tenant and product with <c>tenant</c> and <c>product</c> (docs/providers/boxyhq-saml.md).</summary>
[BuiltInProvider(Id)]
public static class BoxyHqSaml
{
    /// <summary>The provider id (Auth.js: <c>boxyhq-saml</c>).</summary>
    public const string Id = "boxyhq-saml";

    /// <summary>BoxyHQ SAML's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "BoxyHQ SAML",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://{Domain}/api/oauth/authorize",
        TokenEndpoint = "https://{Domain}/api/oauth/token",
        UserInfoEndpoint = "https://{Domain}/api/oauth/userinfo",
        UsePkce = true,
        AuthorizationParameters = new Dictionary<string, string> { ["provider"] = "saml" },
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", "firstName", "email", null),
        NeverVerifiesEmails = true,
        PassThroughParameters = new HashSet<string> { "tenant", "product", "idp_hint" },
        Parameters = [new("Domain", "The host of your SAML Jackson service.", "jackson.example.com")],
        DocumentationLinks = ["https://boxyhq.com/docs/jackson/sso-flow", "https://boxyhq.com/docs/jackson/deploy/service"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Jackson's userinfo: <c>id</c>, <c>email</c>, <c>firstName</c> and <c>lastName</c> joined, from the SAML assertion.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var name = string.Join(' ', new[] { Json.Text(p, "firstName"), Json.Text(p, "lastName") }.OfType<string>());
        return new(Json.Text(p, "id"), name.Length > 0 ? name : null, Json.Text(p, "email"), false, null);
    }
}

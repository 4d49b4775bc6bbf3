using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Osso, OAuth 2.0 in front of an organization's SAML identity provider, self-hosted; the sign-in names the organization with a
/// <c>domain</c> or <c>email</c> parameter (docs/providers/osso.md).</summary>
[BuiltInProvider(Id)]
public static class Osso
{
    /// <summary>The provider id (Auth.js: <c>osso</c>).</summary>
    public const string Id = "osso";

    /// <summary>Osso's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Osso",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://{Domain}/oauth/authorize",
        TokenEndpoint = "https://{Domain}/oauth/token",
        UserInfoEndpoint = "https://{Domain}/oauth/me",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        MapProfile = Map,
        Fields = new("id", null, "email", null),
        NeverVerifiesEmails = true,
        PassThroughParameters = new HashSet<string> { "domain", "email" },
        Parameters = [new("Domain", "The host of your Osso instance.", "demo.ossoapp.com")],
        DocumentationLinks = ["https://ossoapp.com/docs/consume/overview/", "https://ossoapp.com/docs/consume/oauth/"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Osso's <c>/oauth/me</c>: <c>id</c> and <c>email</c> of the SAML assertion's subject; no name or picture.</summary>
    public static ProfileFields Map(JsonElement p) => new(Json.Text(p, "id"), null, Json.Text(p, "email"), false, null);
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>EVE Online SSO v2, OAuth 2.0 with PKCE (docs/providers/eveonline.md): HTTP Basic client authentication, the character from
/// <c>/oauth/verify</c>; the account is the character (<c>CharacterID</c>), its portrait from the image server. EVE gives no email.</summary>
[BuiltInProvider(Id)]
public static class EveOnline
{
    /// <summary>The provider id (Auth.js: <c>eveonline</c>).</summary>
    public const string Id = "eveonline";

    /// <summary>EVE Online's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "EVE Online",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://login.eveonline.com/v2/oauth/authorize",
        TokenEndpoint = "https://login.eveonline.com/v2/oauth/token",
        UserInfoEndpoint = "https://login.eveonline.com/oauth/verify",
        Scopes = ["publicData"],
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = Map,
        Fields = new("CharacterID", "CharacterName", null, null),
        NeverVerifiesEmails = true,
        DocumentationLinks =
        [
            "https://docs.esi.evetech.net/docs/sso/web_based_sso_flow.html",
            "https://docs.esi.evetech.net/docs/sso/sso_authorization_flow.html",
        ],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The verified character: <c>CharacterID</c> (a number), <c>CharacterName</c>, the portrait URL made from the id; no email.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var id = Json.Text(p, "CharacterID");
        return new(id, Json.Text(p, "CharacterName"), Email: null, EmailVerified: false,
            id is null ? null : $"https://images.evetech.net/characters/{Uri.EscapeDataString(id)}/portrait?size=128");
    }
}

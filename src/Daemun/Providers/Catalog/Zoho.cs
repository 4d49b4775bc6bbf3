using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Zoho Accounts, OAuth 2.0 with comma-separated scopes, on the accounts server of the organisation's data centre (the <c>Domain</c>
/// setting, <c>accounts.zoho.com</c> by default); the profile is <c>GET /oauth/user/info</c> (docs/providers/zoho.md).</summary>
[BuiltInProvider(Id)]
public static class Zoho
{
    /// <summary>The provider id (Auth.js: <c>zoho</c>).</summary>
    public const string Id = "zoho";

    /// <summary>Zoho's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Zoho",
        Kind = ProviderKind.OAuth2,
        AuthorizationEndpoint = "https://{Domain}/oauth/v2/auth",
        TokenEndpoint = "https://{Domain}/oauth/v2/token",
        UserInfoEndpoint = "https://{Domain}/oauth/user/info",
        Scopes = ["AaaServer.profile.Read"],
        ScopeSeparator = ",",
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenResponse = new() { RefusesWithHttp200 = true },
        Parameters = [new("Domain", "The Zoho accounts server of your data centre (accounts.zoho.eu, accounts.zoho.in, accounts.zoho.com.au, accounts.zoho.jp, …).", "accounts.zoho.eu", "accounts.zoho.com")],
        MapProfile = Map,
        Fields = new("ZUID", "Display_Name", "Email", null),
        NeverVerifiesEmails = true,
        PassThroughParameters = new HashSet<string> { "prompt" },
        DocumentationLinks = ["https://www.zoho.com/accounts/protocol/oauth/web-apps/authorization.html", "https://www.zoho.com/accounts/protocol/oauth/multi-dc.html"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>Zoho's user info: <c>ZUID</c> (a number), <c>Display_Name</c> (else <c>First_Name</c> and <c>Last_Name</c>), <c>Email</c>; no
    /// picture. Zoho documents no verification state there, so the address is never marked verified.</summary>
    public static ProfileFields Map(JsonElement p)
    {
        var full = string.Join(' ', new[] { Json.Text(p, "First_Name"), Json.Text(p, "Last_Name") }.OfType<string>());
        return new(
            Json.Text(p, "ZUID"),
            Json.Text(p, "Display_Name") ?? (full.Length > 0 ? full : null),
            Json.Text(p, "Email"),
            EmailVerified: false,
            null);
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Azure AD B2C, OpenID Connect through a user flow (policy); the endpoints carry the tenant name and policy, the id_token's issuer the
/// tenant id, so no discovery is read; the email is the first of the <c>emails</c> claim (docs/providers/azure-ad-b2c.md).</summary>
[BuiltInProvider(Id)]
public static class AzureAdB2C
{
    /// <summary>The provider id (Auth.js: <c>azure-ad-b2c</c>).</summary>
    public const string Id = "azure-ad-b2c";

    private const string PolicyBase = "https://{TenantName}.b2clogin.com/{TenantName}.onmicrosoft.com/{Policy}";

    /// <summary>Azure AD B2C's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Azure AD B2C",
        Kind = ProviderKind.Oidc,
        Issuer = "https://{TenantName}.b2clogin.com/{TenantId}/v2.0/",
        AuthorizationEndpoint = PolicyBase + "/oauth2/v2.0/authorize",
        TokenEndpoint = PolicyBase + "/oauth2/v2.0/token",
        JwksUri = PolicyBase + "/discovery/v2.0/keys",
        // B2C answers an access token only when the application's own client id is among the scopes.
        Scopes = ["openid", "offline_access", "{ClientId}"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        TokenResponse = new() { ExpiresInMayBeString = true },
        MapProfile = Map,
        Fields = new("sub", "name", "emails", null),
        NeverVerifiesEmails = true,
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint", "domain_hint" },
        Parameters =
        [
            new("TenantName", "The B2C tenant's name, without .onmicrosoft.com.", "contoso"),
            new("TenantId", "The B2C tenant's id (a GUID), as in the issuer of its tokens.", "775527ff-9a37-4307-8b3d-cc311f58d925"),
            new("Policy", "The user flow (policy) to run.", "B2C_1_signupsignin1"),
        ],
        DocumentationLinks = ["https://learn.microsoft.com/en-us/azure/active-directory-b2c/openid-connect", "https://learn.microsoft.com/en-us/azure/active-directory-b2c/tokens-overview"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };

    /// <summary>The id_token's claims: <c>sub</c> (the object id, <c>oid</c>, when the user flow does not send <c>sub</c>), <c>name</c>, and the
    /// first address of <c>emails</c>; B2C says nothing about verification.</summary>
    public static ProfileFields Map(JsonElement p) => new(
        Json.Text(p, "sub") ?? Json.Text(p, "oid"),
        Json.Text(p, "name") ?? Json.Text(p, "preferred_username"),
        FirstEmail(p),
        false,
        null);

    private static string? FirstEmail(JsonElement p)
    {
        if (p.ValueKind == JsonValueKind.Object && p.TryGetProperty("emails", out var emails) && emails.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in emails.EnumerateArray())
            {
                if (e.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(e.GetString())) return e.GetString();
            }
        }
        return Json.Text(p, "email");
    }
}

using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Microsoft Entra ID (work and school accounts, and personal Microsoft accounts), OpenID Connect on the v2.0 endpoint for the
/// tenant in <c>TenantId</c> (<c>common</c>, <c>organizations</c>, <c>consumers</c>, or one tenant's GUID or domain). For the multi-tenant
/// ones the discovery document's issuer is the template <c>https://login.microsoftonline.com/{tenantid}/v2.0</c>: an id_token is accepted
/// only when its iss is that template with its own signed <c>tid</c> (<see cref="EntraIssuerRule"/>). Entra does not verify the
/// <c>email</c> claim; it counts as verified only with <c>xms_edov</c> (docs/providers/microsoft-entra-id.md).</summary>
[BuiltInProvider(Id)]
public static class MicrosoftEntraId
{
    /// <summary>The provider id (Auth.js: <c>microsoft-entra-id</c>).</summary>
    public const string Id = "microsoft-entra-id";

    /// <summary>The tenant id of personal Microsoft accounts (the <c>consumers</c> tenant): their id_tokens carry it as <c>tid</c>.</summary>
    public const string ConsumersTenantId = "9188040d-6c67-4c5b-b112-36a304b66dad";

    /// <summary>Microsoft Entra ID's declaration.</summary>
    public static ProviderOptions Defaults() => Declaration(Id);

    /// <summary>The declaration under <paramref name="id"/> (also Auth.js's older <c>azure-ad</c>, <see cref="AzureAd"/>).</summary>
    internal static ProviderOptions Declaration(string id) => new()
    {
        Id = id,
        Name = "Microsoft",
        Kind = ProviderKind.Oidc,
        Issuer = "https://login.microsoftonline.com/{TenantId}/v2.0",
        Parameters =
        [
            new("TenantId", "Who may sign in: common (work, school and personal accounts), organizations (work and school), consumers (personal), or one tenant's id (GUID) or domain.",
                "contoso.onmicrosoft.com", Default: "common"),
        ],
        IssuerRule = new EntraIssuerRule(),
        Scopes = ["openid", "profile", "email"],
        UseNonce = true,
        UsePkce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretPost,
        Profile = new EntraProfileRequest(),
        MapProfile = Map,
        Fields = new("sub", "name", "email", null, "xms_edov"),
        EmailVerifiedRule = "the xms_edov claim is true (the email's domain owner is verified; add the optional claims email and xms_edov to the app registration) — Entra never verifies the email claim itself",
        ReauthenticationParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["prompt"] = "login" },
        PassThroughParameters = new HashSet<string>(StringComparer.Ordinal) { "prompt", "login_hint", "domain_hint" },
        DocumentationLinks =
        [
            "https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc",
            "https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference",
            "https://learn.microsoft.com/en-us/entra/identity-platform/claims-validation",
            "https://learn.microsoft.com/en-us/entra/identity-platform/migrate-off-email-claim-authorization",
            "https://learn.microsoft.com/en-us/entra/identity-platform/howto-add-branding-in-apps",
        ],
        // Microsoft's "Sign in with Microsoft" light button: white, #5E5E5E text, #8C8C8C border, the four-square logo
        Style = new("#FFFFFF", "#5E5E5E", Border: "#8C8C8C", LogoSvg:
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 20\" width=\"20\" height=\"20\" aria-hidden=\"true\">"
            + "<path fill=\"#F25022\" d=\"M1 1h8.5v8.5H1z\"/><path fill=\"#7FBA00\" d=\"M10.5 1H19v8.5h-8.5z\"/>"
            + "<path fill=\"#00A4EF\" d=\"M1 10.5h8.5V19H1z\"/><path fill=\"#FFB900\" d=\"M10.5 10.5H19V19h-8.5z\"/></svg>"),
    };

    /// <summary>The id_token's claims: <c>sub</c> (pairwise per app), <c>name</c> before <c>preferred_username</c>, <c>email</c> (an optional
    /// claim, unverified), verified only when <c>xms_edov</c> is true. Entra's tokens carry no picture.</summary>
    public static ProfileFields Map(JsonElement claims) => new(
        Json.Text(claims, "sub"),
        Json.Text(claims, "name") ?? Json.Text(claims, "preferred_username"),
        Json.Text(claims, "email"),
        Json.Bool(claims, "xms_edov") || Json.Text(claims, "xms_edov") == "1",
        null);
}

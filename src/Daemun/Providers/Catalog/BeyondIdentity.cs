namespace Daemun.Providers;

/// <summary>Beyond Identity, passwordless OpenID Connect per tenant, realm and application (docs/providers/beyondidentity.md).</summary>
[BuiltInProvider(Id)]
public static class BeyondIdentity
{
    /// <summary>The provider id (Auth.js: <c>beyondidentity</c>).</summary>
    public const string Id = "beyondidentity";

    /// <summary>Beyond Identity's declaration.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Id = Id,
        Name = "Beyond Identity",
        Kind = ProviderKind.Oidc,
        Issuer = "https://auth-{Region}.beyondidentity.com/v1/tenants/{TenantId}/realms/{RealmId}/applications/{ApplicationId}",
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        NeverVerifiesEmails = true,
        PassThroughParameters = new HashSet<string> { "login_hint" },
        Parameters =
        [
            new("Region", "The region of your Beyond Identity tenant (us or eu).", "us", "us"),
            new("TenantId", "Your tenant's id.", "00012f8e1d6a3a5c"),
            new("RealmId", "The realm's id.", "8f2a5b7c9d1e3f40"),
            new("ApplicationId", "The application's id.", "3a7c1e5b-9d2f-4b6a-8c0e-1f3a5b7c9d2e"),
        ],
        DocumentationLinks = ["https://developer.beyondidentity.com/", "https://developer.beyondidentity.com/api/v1"],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

namespace Daemun.Providers;

/// <summary>What the self-hosted OpenID Connect servers in the catalog (IdentityServer, Keycloak, authentik, ZITADEL, …) have in common, so
/// each declaration says only what is its own: its issuer (a template filled from its parameters), its parameters, and where it differs.</summary>
internal static class SelfHostedOidc
{
    /// <summary>An OpenID Connect declaration found by discovery at <paramref name="issuer"/>: scopes <c>openid profile email</c>, PKCE and a
    /// nonce, client_secret_basic, the standard claims with <c>email_verified</c> as the verified flag, unlink by revocation at the discovery
    /// document's revocation_endpoint, re-authentication by <c>prompt=login</c> and <c>max_age=0</c>, and the neutral button.</summary>
    public static ProviderOptions Declaration(string id, string name, string issuer, IEnumerable<ProviderParameter> parameters) => new()
    {
        Id = id,
        Name = name,
        Kind = ProviderKind.Oidc,
        Issuer = issuer,
        Scopes = ["openid", "profile", "email"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke, // at the discovery document's revocation_endpoint
        ClientAuthentication = ClientAuthentication.ClientSecretBasic,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        Parameters = [.. parameters],
        Style = new("#FFFFFF", "#1F1F1F", Border: "#747775"),
    };
}

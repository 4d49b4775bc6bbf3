namespace Daemun.Providers;

/// <summary>Any OpenID Connect provider, from its issuer's discovery document.</summary>
public static class GenericOidc
{
    /// <summary>The configuration <c>Type</c> value.</summary>
    public const string Type = "oidc";

    /// <summary>A generic OIDC declaration; id, name, issuer and client come from configuration or code.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Kind = ProviderKind.Oidc,
        Scopes = ["openid", "email", "profile"],
        UsePkce = true,
        UseNonce = true,
        Unlink = UnlinkMethod.Revoke, // when discovery publishes a revocation_endpoint (or one is configured)
        ReauthenticationParameters = new Dictionary<string, string> { ["prompt"] = "login", ["max_age"] = "0" },
        PassThroughParameters = new HashSet<string> { "prompt", "login_hint" },
        ClientAuthentication = ClientAuthentication.ClientSecretBasic, // used when discovery is not read (all endpoints configured)
        ClientAuthenticationFromDiscovery = true,
        MapProfile = StandardClaims.Map,
        EmailVerifiedRule = "the email_verified claim is true",
    };
}

namespace Daemun.OpenIdProvider;

/// <summary>The protocol endpoints, under <c>/oidc/</c>; discovery at <c>/.well-known/openid-configuration</c>.</summary>
public static class OpenIdProviderPaths
{
    /// <summary>Authorization endpoint.</summary>
    public const string Authorize = "oidc/authorize";
    /// <summary>Token endpoint.</summary>
    public const string Token = "oidc/token";
    /// <summary>UserInfo endpoint.</summary>
    public const string UserInfo = "oidc/userinfo";
    /// <summary>Revocation endpoint (RFC 7009).</summary>
    public const string Revocation = "oidc/revoke";
    /// <summary>Introspection endpoint (RFC 7662).</summary>
    public const string Introspection = "oidc/introspect";
    /// <summary>End-session endpoint (RP-initiated logout).</summary>
    public const string EndSession = "oidc/logout";
    /// <summary>The signing keys (JWKS).</summary>
    public const string Jwks = "oidc/jwks";
}

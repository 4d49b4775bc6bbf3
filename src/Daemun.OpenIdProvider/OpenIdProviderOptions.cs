namespace Daemun.OpenIdProvider;

/// <summary>Daemun as an OpenID Provider (configuration section <c>Daemun:OpenIdProvider</c>): the apps that sign people in through Daemun,
/// the API scopes they may ask for, token lifetimes and signing keys.</summary>
public sealed class OpenIdProviderOptions
{
    /// <summary>The issuer (<c>iss</c>): an absolute https URL. Default: <c>Daemun:BaseUrl</c>, else the request's origin (Development).</summary>
    public string? Issuer { get; set; }

    /// <summary>The apps, by client id (<c>Daemun:OpenIdProvider:Clients:{clientId}:…</c>). Synchronized into the store at start-up,
    /// where they are read-only.</summary>
    public Dictionary<string, OpenIdClientOptions> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>Scopes for APIs, by name (<c>Daemun:OpenIdProvider:ApiScopes:{scope}:Audience</c>; a name with a colon is given as
    /// <c>ApiScopes:{key}:Name</c>, and is the dictionary's key after configuration). <c>daemun:read</c> and <c>daemun:manage</c> (Daemun's
    /// management API) always exist.</summary>
    public Dictionary<string, ApiScopeOptions> ApiScopes { get; } = new(StringComparer.Ordinal);

    /// <summary>How long an access token is valid. Default 10 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an identity token is valid. Default 10 minutes.</summary>
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an authorization code may wait to be redeemed. Default 2 minutes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a refresh token is valid (each use rotates it and starts a new period). Default 14 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Signing keys: algorithm and rotation.</summary>
    public OpenIdProviderKeyOptions Keys { get; } = new();
}

namespace Daemun.OpenIdProvider;

/// <summary>A scope for an API (<c>Daemun:OpenIdProvider:ApiScopes:{scope}:…</c>): access tokens that carry it name the API as audience.</summary>
public sealed class ApiScopeOptions
{
    /// <summary>The scope's name when it differs from its configuration key — needed for names with a colon, which a configuration key
    /// cannot hold (<c>ApiScopes:orders-read:Name=orders:read</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The API's audience (<c>aud</c>) in access tokens with this scope.</summary>
    public string? Audience { get; set; }

    /// <summary>Words for the consent page; default: the scope's name.</summary>
    public string? DisplayName { get; set; }
}

namespace Daemun.OpenIdProvider;

/// <summary>A scope for an API (<c>Daemun:OpenIdProvider:ApiScopes:{scope}:…</c>): access tokens that carry it name the API as audience.</summary>
public sealed class ApiScopeOptions
{
    /// <summary>The API's audience (<c>aud</c>) in access tokens with this scope.</summary>
    public string? Audience { get; set; }

    /// <summary>Words for the consent page; default: the scope's name.</summary>
    public string? DisplayName { get; set; }
}

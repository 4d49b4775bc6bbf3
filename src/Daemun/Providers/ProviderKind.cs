namespace Daemun.Providers;

/// <summary>Which protocol a provider speaks.</summary>
public enum ProviderKind
{
    /// <summary>Plain OAuth 2.0 with a userinfo endpoint.</summary>
    OAuth2,
    /// <summary>OpenID Connect: id_token validated against the provider's JWKS.</summary>
    Oidc,
}

namespace Daemun.Providers;

/// <summary>Which protocol a provider speaks.</summary>
public enum ProviderKind
{
    /// <summary>Plain OAuth 2.0 with a userinfo endpoint.</summary>
    OAuth2,
    /// <summary>OpenID Connect: id_token validated against the provider's JWKS.</summary>
    Oidc,
    /// <summary>OAuth 1.0a (RFC 5849): temporary credentials, the person's authorization, token credentials; every call signed with HMAC-SHA1.</summary>
    OAuth1,
}

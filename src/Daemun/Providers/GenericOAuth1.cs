namespace Daemun.Providers;

/// <summary>Any OAuth 1.0a provider (RFC 5849, HMAC-SHA1) with explicit endpoints — <c>RequestTokenEndpoint</c>, <c>AuthorizationEndpoint</c>,
/// <c>AccessTokenEndpoint</c>, <c>UserInfoEndpoint</c> — and a profile mapping by JSON paths. Its token credentials are kept as the account's
/// access token, <c>oauth_token=…&amp;oauth_token_secret=…</c>; they do not expire, so there is no refresh, and unlinking is local.</summary>
public static class GenericOAuth1
{
    /// <summary>The configuration <c>Type</c> value.</summary>
    public const string Type = "oauth1";

    /// <summary>A generic OAuth 1.0a declaration; endpoints and the profile paths come from configuration or code.</summary>
    public static ProviderOptions Defaults() => new()
    {
        Kind = ProviderKind.OAuth1,
        MapProfile = GenericOAuth2.ByPaths(new ProfilePaths()),
    };
}

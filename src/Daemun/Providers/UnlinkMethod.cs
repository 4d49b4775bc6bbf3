namespace Daemun.Providers;

/// <summary>How an account link is removed at the provider when a person disconnects it or deletes their user.</summary>
public enum UnlinkMethod
{
    /// <summary>Nothing is sent; the link is only removed here.</summary>
    None,
    /// <summary>RFC 7009 revocation at <see cref="ProviderOptions.RevocationEndpoint"/> with the client's credentials (Naver §3, OIDC).</summary>
    Revoke,
    /// <summary>A POST with the access token as Bearer to <see cref="ProviderOptions.UnlinkEndpoint"/> (Kakao <c>/v1/user/unlink</c>).</summary>
    BearerPost,
}

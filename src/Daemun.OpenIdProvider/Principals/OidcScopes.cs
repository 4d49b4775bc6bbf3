using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Principals;

/// <summary>The scopes Daemun's OpenID Provider knows without configuration, and the claims they release.</summary>
internal static class OidcScopes
{
    /// <summary>Identity scopes: <c>openid</c> (sub), <c>profile</c> (name, picture), <c>email</c> (email, email_verified),
    /// <c>offline_access</c> (a refresh token), <c>providers</c> (the upstream providers linked to the person).</summary>
    public static readonly string[] Identity =
    [
        OpenIddictConstants.Scopes.OpenId, OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.Email,
        OpenIddictConstants.Scopes.OfflineAccess, Providers,
    ];

    /// <summary>The scope that releases the <see cref="ProvidersClaim"/>.</summary>
    public const string Providers = "providers";

    /// <summary>The claim listing the person's linked upstream providers (e.g. <c>["naver","kakao"]</c>).</summary>
    public const string ProvidersClaim = "providers";

    /// <summary>The claim naming the upstream provider of the sign-in behind the tokens.</summary>
    public const string IdentityProviderClaim = "idp";

    /// <summary>Daemun's management API, read-only.</summary>
    public const string ManageRead = "daemun:read";

    /// <summary>Daemun's management API, read and write.</summary>
    public const string Manage = "daemun:manage";

    /// <summary>The audience of access tokens for Daemun's management API.</summary>
    public const string ManagementAudience = "daemun";

    /// <summary>Private claim (in codes and refresh tokens only, never in a token the app can read): the Daemun user id.</summary>
    public const string UserIdClaim = "daemun_user";

    /// <summary>Private claim in access tokens of pairwise clients: the Daemun user id, encrypted for this server only (the userinfo
    /// endpoint reads it; the app cannot).</summary>
    public const string UserReferenceClaim = "daemun_ref";
}

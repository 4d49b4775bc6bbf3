using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Daemun.Sessions;

/// <summary><c>RequireRecentSignIn(TimeSpan)</c> for policies and endpoints.</summary>
public static class RecentSignInExtensions
{
    /// <summary>Requires a signed-in person who authenticated at their provider within <paramref name="within"/>. Browsers that fail it are sent
    /// through the provider again with its re-authentication parameters (Naver <c>auth_type=reauthenticate</c>, Kakao <c>prompt=login</c>,
    /// OIDC <c>prompt=login&amp;max_age=0</c>); other clients get 403 <c>ReauthenticationRequired</c>.</summary>
    public static AuthorizationPolicyBuilder RequireRecentSignIn(this AuthorizationPolicyBuilder policy, TimeSpan within) =>
        policy.RequireAuthenticatedUser().AddRequirements(new RecentSignInRequirement(within));

    /// <summary>Requires a recent sign-in for these endpoints (see the policy builder overload).</summary>
    public static TBuilder RequireRecentSignIn<TBuilder>(this TBuilder endpoints, TimeSpan within) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(policy => policy.RequireRecentSignIn(within));
}

using System.Globalization;
using Daemun.Endpoints;
using Daemun.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Daemun.Sessions;

/// <summary>The person must have authenticated at their provider within <see cref="Within"/> (step-up for sensitive pages).</summary>
/// <param name="within">How recent the provider authentication must be.</param>
public sealed class RecentSignInRequirement(TimeSpan within) : IAuthorizationRequirement
{
    /// <summary>How recent the provider authentication must be.</summary>
    public TimeSpan Within { get; } = within > TimeSpan.Zero ? within : throw new ArgumentOutOfRangeException(nameof(within), "must be positive");
}

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

/// <summary>Compares the session's <c>auth_time</c> claim with now (the injected clock).</summary>
internal sealed class RecentSignInHandler(TimeProvider time) : AuthorizationHandler<RecentSignInRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RecentSignInRequirement requirement)
    {
        var claim = context.User.FindFirst(DaemunDefaults.AuthTimeClaim)?.Value;
        if (long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) <= requirement.Within)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Turns a failed <see cref="RecentSignInRequirement"/> into a trip to the re-authentication page (browsers) or a 403 JSON error;
/// every other outcome is handled as ASP.NET Core does by default.</summary>
internal sealed class DaemunAuthorizationResultHandler(IOptions<DaemunOptions> options) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || result.AuthorizationFailure?.FailedRequirements.OfType<RecentSignInRequirement>().Any() != true)
        {
            return _default.HandleAsync(next, context, policy, result);
        }
        var request = context.Request;
        var browser = HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (!browser) return Respond.Error(ErrorCode.ReauthenticationRequired).ExecuteAsync(context);
        var back = request.PathBase + request.Path + request.QueryString;
        context.Response.Redirect(Urls.ForHeader(QueryHelpers.AddQueryString(request.PathBase + options.Value.BasePath + "/reauthenticate", "callbackUrl", back)));
        return Task.CompletedTask;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Authorization;

namespace Daemun.Sessions;

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

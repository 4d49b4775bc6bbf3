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

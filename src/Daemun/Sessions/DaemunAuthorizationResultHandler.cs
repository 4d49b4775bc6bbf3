using Daemun.Endpoints;
using Daemun.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Daemun.Sessions;

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

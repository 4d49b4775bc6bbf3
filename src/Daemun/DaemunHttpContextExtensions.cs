using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun;

/// <summary>Daemun helpers for an app's own pages.</summary>
public static class DaemunHttpContextExtensions
{
    /// <summary>The CSRF token to put in a form that posts to Daemun (e.g. a sign-out button), setting its cookie when needed.</summary>
    public static string GetDaemunCsrfToken(this HttpContext context) =>
        context.RequestServices.GetRequiredService<CsrfTokens>().GetOrCreate(context);

    /// <summary>The request's session, or null when signed out.</summary>
    public static Task<DaemunSession?> GetDaemunSessionAsync(this HttpContext context) =>
        context.RequestServices.GetRequiredService<SessionService>().ReadAsync(context, context.RequestAborted);
}

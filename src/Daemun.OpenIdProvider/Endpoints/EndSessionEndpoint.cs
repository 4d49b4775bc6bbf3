using Daemun.Endpoints;
using Daemun.Localization;
using Daemun.OpenIdProvider.Principals;
using Daemun.OpenIdProvider.Clients;
using Daemun.OpenIdProvider.Logging;
using Daemun.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.OpenIdProvider.Endpoints;

/// <summary><c>GET|POST /oidc/logout</c> (RP-initiated logout), after OpenIddict validated <c>id_token_hint</c> and matched
/// <c>post_logout_redirect_uri</c> exactly against the app's registration. With a hint naming the signed-in person (or nobody signed in) the
/// Daemun session ends at once; otherwise the person confirms first, so a link cannot sign someone out behind their back.</summary>
internal sealed class EndSessionEndpoint(
    SessionService sessions,
    ClientDirectory clients,
    OidcClaims claims,
    CsrfTokens csrf,
    RequestLanguage language,
    Urls urls,
    IOptions<DaemunOptions> daemun,
    ILogger<EndSessionEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (context.GetOpenIddictServerResponse() is { Error: { Length: > 0 } }) return OidcPages.Rejected(context, language, daemun.Value, urls);
        var request = context.GetOpenIddictServerRequest();
        if (request is null) return OidcPages.Rejected(context, language, daemun.Value, urls);
        language.Prefer(context, request.UiLocales);
        var ct = context.RequestAborted;

        var session = await sessions.ReadAsync(context, ct);
        var confirmed = HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            && (await context.Request.ReadFormAsync(ct))["confirm"] == "yes";
        if (confirmed)
        {
            csrf.RequireCsrf(context, await context.Request.ReadFormAsync(ct), "sign-out");
        }
        else if (session is not null && !await HintNamesAsync(context, session.UserId, ct))
        {
            return OidcPages.ConfirmSignOut(context, language, daemun.Value, request, csrf.GetOrCreate(context));
        }
        var userId = await sessions.SignOutAsync(context, ct);
        OidcLog.SignedOut(logger, request.ClientId, userId);
        // OpenIddict sends the person to the validated post_logout_redirect_uri (with state), or to the home page without one
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>True when the request's valid <c>id_token_hint</c> was issued for <paramref name="userId"/> (its <c>sub</c> as its app sees them).</summary>
    private async Task<bool> HintNamesAsync(HttpContext context, string userId, CancellationToken ct)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } hint || hint.GetClaim(Claims.Subject) is not { } subject) return false;
        foreach (var audience in hint.GetAudiences())
        {
            if (await clients.FindAsync(audience, ct) is { } client && claims.Subject(userId, client) == subject) return true;
        }
        return false;
    }
}

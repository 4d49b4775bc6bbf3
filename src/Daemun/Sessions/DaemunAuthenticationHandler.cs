using System.Security.Claims;
using System.Text.Encodings.Web;
using Daemun.Endpoints;
using Daemun.Errors;
using Daemun.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Sessions;

/// <summary>Makes Daemun's session the request's <see cref="HttpContext.User"/>, so <c>[Authorize]</c> and <c>RequireAuthorization()</c> work.
/// A challenge sends browsers to the sign-in page and answers other clients with 401.</summary>
internal sealed class DaemunAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionService sessions,
    IOptions<DaemunOptions> daemun) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        DaemunSession? session;
        try
        {
            session = await sessions.ReadAsync(Context, Context.RequestAborted);
        }
        catch (StoreUnavailableException)
        {
            // no result rather than a failure (which the framework would log on every request of an outage): a challenge still answers 503
            return AuthenticateResult.NoResult();
        }
        if (session is null) return AuthenticateResult.NoResult();

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, session.UserId), new("sub", session.UserId) };
        if (session.Name is { } name) claims.Add(new(ClaimTypes.Name, name));
        if (session.Email is { } email) claims.Add(new(ClaimTypes.Email, email));
        if (session.Image is { } image) claims.Add(new(DaemunDefaults.ImageClaim, image));
        if (session.Provider is { } provider) claims.Add(new(DaemunDefaults.ProviderClaim, provider));
        if (session.AuthenticatedAt is { } at) claims.Add(new(DaemunDefaults.AuthTimeClaim, at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, DaemunDefaults.Scheme, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, DaemunDefaults.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var accept = Request.Headers.Accept.ToString();
        var browser = HttpMethods.IsGet(Request.Method) && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (SessionService.StoreFailed(Context))
        {
            // the person may well be signed in: a store outage is a 503, not a 401 or a trip to the sign-in page
            if (browser)
            {
                Response.Redirect($"{Request.PathBase}{daemun.Value.BasePath}/error?error={ErrorCode.StoreUnavailable}");
                return Task.CompletedTask;
            }
            return Respond.Error(ErrorCode.StoreUnavailable).ExecuteAsync(Context);
        }
        if (!browser)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        var back = properties.RedirectUri ?? Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect(Urls.ForHeader(QueryHelpers.AddQueryString(Request.PathBase + daemun.Value.BasePath + "/signin", "callbackUrl", back)));
        return Task.CompletedTask;
    }
}

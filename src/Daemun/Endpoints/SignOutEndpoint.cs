using Daemun.Audit;
using Daemun.Localization;
using Daemun.Logging;
using Daemun.Pages;
using Daemun.Sessions;
using Daemun.Storage;
using Daemun.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET /signout</c> asks for confirmation; <c>POST /signout</c> (CSRF-checked) deletes the session row and cookie, then logs out
/// at the providers that ask for it (<c>LogoutOnSignOut</c>, <c>BrowserLogoutOnSignOut</c>). With <c>everywhere=true</c> it ends every session
/// of the user, on every device (see <see cref="SessionService.SignOutEverywhereAsync(HttpContext, CancellationToken)"/>).</summary>
internal sealed class SignOutEndpoint(SessionService sessions, CsrfTokens csrf, Urls urls, Respond respond, ProviderLogout providerLogout, RequestLanguage language,
    IOptions<DaemunOptions> options, AuditRecorder audit, ILogger<SignOutEndpoint> logger)
{
    public Task<IResult> PageAsync(HttpContext context) => respond.PageAsync(context, "signout page", null, () =>
    {
        var callbackUrl = urls.SafeCallback(context, RequestInput.Value(RequestInput.Query(context)["callbackUrl"], "callbackUrl", options.Value.MaxParameterLength));
        var page = SignOutPage.Render(language.For(context), options.Value.ServiceName, urls.Path(context, "signout"), csrf.GetOrCreate(context), callbackUrl);
        return Task.FromResult(Html.Page(context, page));
    });

    public Task<IResult> HandleAsync(HttpContext context) => respond.PageAsync(context, "signout", null, async () =>
    {
        var form = await RequestInput.FormAsync(context, options.Value.MaxParameterLength);
        csrf.RequireCsrf(context, form, "sign-out");
        var callbackUrl = urls.SafeCallback(context, RequestInput.Value(form["callbackUrl"], "callbackUrl", options.Value.MaxParameterLength));
        var everywhere = RequestInput.Value(form["everywhere"], "everywhere", 8) == "true";
        var signedOut = everywhere ? await sessions.SignOutEverywhereAsync(context, context.RequestAborted) : await sessions.SignOutAsync(context, context.RequestAborted);
        if (signedOut is not { } userId) return Redirects.To(context, callbackUrl);
        if (everywhere)
        {
            Log.SignedOutEverywhere(logger, userId);
            await audit.AppendAsync(audit.Event(context, AuditEventType.SessionRevoked, userId, null), context.RequestAborted);
        }
        else
        {
            Log.SignedOut(logger, userId);
        }
        await providerLogout.LogoutAsync(userId, context.RequestAborted); // after the local sign-out, which it never prevents
        var absolute = callbackUrl.StartsWith('/') ? urls.Origin(context) + callbackUrl : callbackUrl;
        return Redirects.To(context, await providerLogout.BrowserLogoutUrlAsync(userId, absolute, context.RequestAborted) ?? callbackUrl);
    });
}

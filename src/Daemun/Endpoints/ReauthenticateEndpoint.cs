using Daemun.Localization;
using Daemun.Pages;
using Daemun.Providers;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET /reauthenticate?callbackUrl=…</c>: "confirm it is you" — a button that starts the sign-in again with the provider the
/// session came from, asking it to authenticate the person anew. Without a session it is the sign-in page's job.</summary>
internal sealed class ReauthenticateEndpoint(ProviderRegistry providers, SessionService sessions, CsrfTokens csrf, Urls urls, Respond respond, RequestLanguage language, IOptions<DaemunOptions> options)
{
    public Task<IResult> PageAsync(HttpContext context) => respond.PageAsync(context, "reauthenticate page", null, async () =>
    {
        var callbackUrl = urls.SafeCallback(context, RequestInput.Value(RequestInput.Query(context)["callbackUrl"], "callbackUrl", options.Value.MaxParameterLength));
        var session = await sessions.ReadAsync(context, context.RequestAborted);
        if (session is null) return Redirects.Plain(QueryHelpers.AddQueryString(urls.Path(context, "signin"), "callbackUrl", callbackUrl));
        var choices = providers.Find(session.Provider ?? "") is { } own ? [own] : providers.All;
        var page = ReauthenticatePage.Render(language.For(context), options.Value.ServiceName, choices, p => urls.Path(context, $"signin/{p.Id}"), csrf.GetOrCreate(context), callbackUrl, session.Name);
        return Html.Page(context, page);
    });
}

using Daemun.Accounts;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Pages;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET /new-user</c>: the new-user step's page (or the app's, <see cref="DaemunPagesOptions.NewUser"/>); with nothing to ask it goes
/// straight on. <c>POST /new-user</c> (CSRF-checked, signed in): saves the fields, then <c>callbackUrl</c>; a refused value comes back to the
/// page with <c>?error=Code</c>. Apps with their own page may post their form here.</summary>
internal sealed class NewUserEndpoint(NewUserStep step, IUserStore store, SessionService sessions, CsrfTokens csrf, Urls urls, Respond respond,
    RequestLanguage language, IOptions<DaemunOptions> options)
{
    public Task<IResult> PageAsync(HttpContext context) => respond.PageAsync(context, "new-user page", null, async () =>
    {
        var o = options.Value;
        if (Urls.Replacement(context, o.Pages.NewUser) is { } appPage) return Redirects.Plain(appPage);
        var query = RequestInput.Query(context);
        var callbackUrl = urls.SafeCallback(context, RequestInput.Value(query["callbackUrl"], "callbackUrl", o.MaxParameterLength));
        if (await sessions.ReadAsync(context, context.RequestAborted) is not { } session) return Redirects.Plain(urls.SignIn(context, callbackUrl));
        var user = await store.FindUserAsync(session.UserId, context.RequestAborted);
        var missing = user is null ? [] : step.Missing(user);
        if (missing.Count == 0) return Redirects.Plain(callbackUrl);
        var page = new NewUserPage(language.For(context), o.ServiceName, user!.Name, missing, o.NewUser.Required, urls.Path(context, "new-user"),
            csrf.GetOrCreate(context), callbackUrl, RequestInput.ShownError(query));
        return Html.Page(context, page.Render());
    });

    public Task<IResult> SaveAsync(HttpContext context) => respond.PageAsync(context, "new-user", null, async () =>
    {
        var max = options.Value.MaxParameterLength;
        var form = await RequestInput.FormAsync(context, max);
        csrf.RequireCsrf(context, form, "new-user");
        var session = await sessions.ReadAsync(context, context.RequestAborted) ?? throw new DaemunException(ErrorCode.SessionRequired, "no signed-in session");
        var callbackUrl = urls.SafeCallback(context, RequestInput.Value(form["callbackUrl"], "callbackUrl", max));
        try
        {
            var user = await step.SaveAsync(session.UserId, RequestInput.Value(form["name"], "name", max), RequestInput.Value(form["email"], "email", max), context.RequestAborted);
            sessions.ProfileChanged(context, user);
            return Redirects.To(context, callbackUrl);
        }
        catch (Exception e) when (e is DaemunException { Code: ErrorCode.InvalidProfile or ErrorCode.EmailInUse } or StoreConflictException)
        {
            var code = e is DaemunException d ? d.Code : ErrorCode.EmailInUse; // a concurrent save took the address first (unique index)
            return Redirects.To(context, QueryHelpers.AddQueryString(urls.Page(context, "new-user", options.Value.Pages.NewUser),
                new Dictionary<string, string?> { ["callbackUrl"] = callbackUrl, ["error"] = code.ToString() }));
        }
    });
}

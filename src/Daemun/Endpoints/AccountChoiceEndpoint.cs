using Daemun.Accounts;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Logging;
using Daemun.Pages;
using Daemun.Providers;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET /signin-choice?provider=…</c>: someone signed in signed in with a provider account nobody has linked, without the intent
/// to link it; the page asks which they mean. <c>POST /signin-choice</c> (CSRF-checked, <c>answer=link|new</c>) takes the held sign-in
/// (<see cref="PendingSignIns"/>, single use) and completes it: linked to the signed-in user — only the one who was signed in when it was
/// held — or, after signing out, as that account's own user.</summary>
internal sealed class AccountChoiceEndpoint(
    ProviderRegistry providers,
    PendingSignIns pendingSignIns,
    SignInCompletion completion,
    SessionService sessions,
    CsrfTokens csrf,
    Urls urls,
    Respond respond,
    RequestLanguage language,
    IOptions<DaemunOptions> options,
    ILogger<AccountChoiceEndpoint> logger)
{
    public Task<IResult> PageAsync(HttpContext context) => respond.PageAsync(context, "sign-in choice page", null, async () =>
    {
        var p = providers.Find(RequestInput.Value(RequestInput.Query(context)["provider"], "provider", 64) ?? "")
            ?? throw new DaemunException(ErrorCode.UnknownProvider, "sign-in choice for an unknown provider");
        var session = await sessions.ReadAsync(context, context.RequestAborted)
            ?? throw new DaemunException(ErrorCode.SessionRequired, "the sign-in choice needs the session it was asked in");
        var t = language.For(context);
        var userName = session.Name ?? session.Email ?? session.UserId;
        var page = AccountChoicePage.Render(t, options.Value.ServiceName, t.ProviderName(p), userName, urls.Path(context, "signin-choice"), csrf.GetOrCreate(context));
        return Html.Page(context, page);
    });

    public Task<IResult> AnswerAsync(HttpContext context) => respond.PageAsync(context, "sign-in choice", null, async () =>
    {
        var form = await RequestInput.FormAsync(context, options.Value.MaxParameterLength);
        csrf.RequireCsrf(context, form, "sign-in choice");
        var answer = RequestInput.Value(form["answer"], "answer", 8);
        if (answer is not ("link" or "new")) throw new DaemunException(ErrorCode.InvalidRequest, "the answer is neither 'link' nor 'new'");
        var pending = await pendingSignIns.TakeAsync(context);
        var p = providers.Find(pending.Provider) ?? throw new DaemunException(ErrorCode.UnknownProvider, "the held sign-in's provider is no longer configured");
        context.Items[Respond.CallbackUrlKey] = pending.CallbackUrl;
        var signedIn = (await sessions.ReadAsync(context, context.RequestAborted))?.UserId;
        Log.AccountChoiceAnswered(logger, p.Id, answer);
        if (answer == "link")
        {
            // the held sign-in links only to the user who was signed in when it was held, and only while that user still is
            if (signedIn is null) throw new DaemunException(ErrorCode.SessionRequired, "the session the link was asked in has ended");
            if (signedIn != pending.SignedInUserId) throw new DaemunException(ErrorCode.StateInvalid, "the held sign-in was asked in another user's session");
            return Redirects.To(context, await completion.CompleteAsync(context, p, pending.Profile, pending.Tokens, pending.Authentication, signedIn, pending.CallbackUrl));
        }
        try
        {
            // "sign out and continue": the new session replaces the old one in the same transaction
            return Redirects.To(context, await completion.CompleteAsync(context, p, pending.Profile, pending.Tokens, pending.Authentication, null, pending.CallbackUrl));
        }
        catch (DaemunException)
        {
            await sessions.SignOutAsync(context, context.RequestAborted); // the person asked to be signed out, whatever the rules answer
            throw;
        }
    });
}

using Daemun.Errors;
using Daemun.Localization;
using Daemun.Logging;
using Daemun.Pages;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET /signin</c> shows the providers (or, inside a provider's app, starts its autologin); <c>POST /signin/{provider}</c> starts a sign-in:
/// CSRF check, state, PKCE, nonce, then 302 to the provider.</summary>
internal sealed class SignInEndpoint(
    ProviderRegistry providers,
    CsrfTokens csrf,
    Urls urls,
    SignInStarter starter,
    SessionService sessions,
    IUserStore users,
    Respond respond,
    RequestLanguage language,
    IOptions<DaemunOptions> options,
    ILogger<SignInEndpoint> logger)
{
    /// <summary><c>GET /signin</c>, or <c>GET /signup</c> (<paramref name="signUp"/>): the same buttons and the same sign-in, in sign-up words.</summary>
    public Task<IResult> PageAsync(HttpContext context, bool signUp = false) => respond.PageAsync(context, "signin page", null, async () =>
    {
        var o = options.Value;
        var query = RequestInput.Query(context);
        var callbackUrl = urls.SafeCallback(context, RequestInput.Value(query["callbackUrl"], "callbackUrl", o.MaxParameterLength));
        if (AutoLoginProvider(context, query) is { } auto)
        {
            // no form, so no CSRF token: opening this URL is the same as pressing the button; the state is bound to this browser as always
            var url = await BeginAsync(context, auto, callbackUrl, AuthorizationRequest.SignInIntent.AutoLoginAttempt);
            Log.AutoLoginStarted(logger, auto.Id);
            return Redirects.Plain(url);
        }
        if (Urls.Replacement(context, o.Pages.SignIn, signUp ? "signup=true" : null) is { } appPage) return Redirects.Plain(appPage);
        // an OpenID Connect app's ui_locales (the OpenID Provider passes them along): this page's language, not remembered
        language.Prefer(context, RequestInput.Value(query["ui_locales"], "ui_locales", o.MaxParameterLength));
        var other = QueryHelpers.AddQueryString(urls.Path(context, signUp ? "signin" : "signup"), "callbackUrl", callbackUrl);
        var page = new SignInPage(language.For(context), o.ServiceName, o.LogoUrl, signUp, providers.All, csrf.GetOrCreate(context), callbackUrl,
            RequestInput.ShownError(query), p => urls.Path(context, $"signin/{p.Id}"), other, RequestInput.Value(query["login_hint"], "login_hint", o.MaxParameterLength));
        return Html.Page(context, page.Render());
    });

    public Task<IResult> StartAsync(HttpContext context, string provider) => respond.PageAsync(context, "signin", provider, async () =>
    {
        var form = await RequestInput.FormAsync(context, options.Value.MaxParameterLength);
        csrf.RequireCsrf(context, form, "sign-in");
        var p = providers.Find(provider) ?? throw new DaemunException(ErrorCode.UnknownProvider, "no such provider");
        var callbackUrl = urls.SafeCallback(context, RequestInput.Value(form["callbackUrl"], "callbackUrl", options.Value.MaxParameterLength));

        var url = await BeginAsync(context, p, callbackUrl, ReadIntent(form) with { LinkUserId = await LinkIntentAsync(context, form) });

        Log.SignInStarted(logger, p.Id);
        return Redirects.To(context, url);
    });

    private Task<string> BeginAsync(HttpContext context, ProviderOptions p, string callbackUrl, AuthorizationRequest.SignInIntent intent) =>
        starter.BeginAsync(context, p, callbackUrl, intent);

    /// <summary>The first provider whose app this browser is (<see cref="ProviderOptions.AutoLogin"/>), unless the page reports an error or
    /// carries <c>autologin=off</c> (a declined attempt came back: never loop).</summary>
    private ProviderOptions? AutoLoginProvider(HttpContext context, IQueryCollection query)
    {
        if (query.ContainsKey("error") || RequestInput.Value(query["autologin"], "autologin", 8) == "off") return null;
        return providers.FindAutoLogin(context.Request.Headers.UserAgent.ToString());
    }

    /// <summary><c>intent=link</c> (the account page's "connect"): the signed-in user, bound into the state so that only this user's session can
    /// complete the link. Without it a sign-in never links to whoever is signed in. Without a database there is no linking at all.</summary>
    private async Task<string?> LinkIntentAsync(HttpContext context, IFormCollection form)
    {
        var intent = RequestInput.Value(form["intent"], "intent", 16);
        if (intent is null) return null;
        if (intent != "link") throw new DaemunException(ErrorCode.InvalidRequest, "the only sign-in intent is 'link'");
        if (!users.KeepsUsers) return null;
        var session = await sessions.ReadAsync(context, context.RequestAborted)
            ?? throw new DaemunException(ErrorCode.SessionRequired, "linking an account needs a signed-in person");
        return session.UserId;
    }

    /// <summary><c>reauthenticate=true</c> (from the re-authentication page) and the pass-through parameters (<c>prompt</c>, <c>login_hint</c>).</summary>
    private AuthorizationRequest.SignInIntent ReadIntent(IFormCollection form)
    {
        var max = options.Value.MaxParameterLength;
        var passThrough = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in PassThroughNames)
        {
            if (RequestInput.Value(form[name], name, max) is { Length: > 0 } value) passThrough[name] = value;
        }
        return new(RequestInput.Value(form["reauthenticate"], "reauthenticate", 8) == "true", passThrough,
            Reprompt: RequestInput.Value(form["reprompt"], "reprompt", 8) == "true");
    }

    private static readonly string[] PassThroughNames = ["prompt", "login_hint"];
}

using Daemun.Endpoints;
using Daemun.Localization;
using Daemun.OpenIdProvider.Principals;
using Daemun.OpenIdProvider.Clients;
using Daemun.OpenIdProvider.Consent;
using Daemun.OpenIdProvider.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Daemun.OpenIdProvider.Endpoints;

/// <summary><c>GET|POST /oidc/authorize</c>, after OpenIddict validated the request (client, redirect_uri, response type, PKCE, scopes):
/// who is the person (Daemun's session, or a sign-in first), is a fresh sign-in needed (<c>prompt=login</c>, <c>max_age</c>), does the app
/// need consent, then the code goes back to the app. A request OpenIddict could not send back (unknown client, unregistered redirect_uri)
/// arrives here as an error and gets Daemun's error page.</summary>
internal sealed class AuthorizeEndpoint(
    ClientDirectory clients,
    SessionService sessions,
    IUserStore store,
    ProviderRegistry providers,
    SignInStarter starter,
    ConsentStore consents,
    ConsentForm consentForm,
    OidcClaims claims,
    CsrfTokens csrf,
    RequestLanguage language,
    Urls urls,
    TimeProvider time,
    IOptions<DaemunOptions> daemun,
    ILogger<AuthorizeEndpoint> logger)
{
    /// <summary>Daemun's own parameter naming the upstream provider (<c>provider=kakao</c>): the app's own "Sign in with Kakao" button
    /// skips Daemun's sign-in page.</summary>
    public const string ProviderParameter = "provider";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (context.GetOpenIddictServerResponse() is { Error: { Length: > 0 } } rejected)
        {
            return OidcPages.Rejected(context, language, daemun.Value, urls);
        }
        var request = context.GetOpenIddictServerRequest();
        var ct = context.RequestAborted;
        var client = request is null ? null : await clients.FindAsync(request.ClientId, ct);
        if (request is null || client is null) return OidcPages.Rejected(context, language, daemun.Value, urls);
        language.Prefer(context, request.UiLocales);

        var session = await sessions.ReadAsync(context, ct);
        var user = session is null ? null : await store.FindUserAsync(session.UserId, ct);
        if (session is null || user is null || user.Disabled) return await SignInFirstAsync(context, request, null, "no session");
        if (request.HasPromptValue(PromptValues.Login)) return await SignInFirstAsync(context, request, session, "prompt=login");
        if (request.MaxAge is { } maxAge && (session.AuthenticatedAt is not { } at || time.GetUtcNow() - at > TimeSpan.FromSeconds(maxAge)))
        {
            return await SignInFirstAsync(context, request, session, "max_age");
        }

        var scopes = request.GetScopes();
        string? authorizationId = null;
        if (!client.FirstParty)
        {
            var decision = await ConsentDecision.ReadAsync(context, csrf);
            if (decision == ConsentAnswer.Deny) return OidcResults.Forbid(OidcErrors.AccessDenied, "The person did not allow the app.");
            authorizationId = decision == ConsentAnswer.Allow ? null : await consents.FindAsync(user.Id, client, scopes, ct);
            if (decision == ConsentAnswer.None && (authorizationId is null || request.HasPromptValue(PromptValues.Consent)))
            {
                if (request.HasPromptValue(PromptValues.None)) return OidcResults.Forbid(OidcErrors.ConsentRequired, "The person has not allowed this app yet.");
                return consentForm.Render(context, request, client, user, scopes);
            }
        }

        var accounts = await OidcClaims.AccountsForAsync(store, user.Id, scopes, ct);
        var principal = claims.ForUser(user, accounts, session.AuthenticatedAt, session.Provider, client, scopes);
        if (!client.FirstParty) authorizationId ??= await consents.GrantAsync(principal, user.Id, client, scopes, ct);
        if (authorizationId is not null) principal.SetAuthorizationId(authorizationId);
        OidcLog.SignedIn(logger, client.ClientId, user.Id, string.Join(' ', scopes));
        return OidcResults.SignIn(principal);
    }

    /// <summary>The person must (re)authenticate: <c>prompt=none</c> gets <c>login_required</c>; an app that named the provider, or a
    /// session that needs a fresh sign-in, goes straight to the upstream provider; otherwise Daemun's sign-in page. Either way the sign-in
    /// ends back here, at this same request (without <c>prompt=login</c> and <c>max_age</c>, which the fresh sign-in satisfied).</summary>
    private async Task<IResult> SignInFirstAsync(HttpContext context, OpenIddictRequest request, DaemunSession? session, string reason)
    {
        if (request.HasPromptValue(PromptValues.None))
        {
            return OidcResults.Forbid(OidcErrors.LoginRequired, session is null ? "The person is not signed in." : "The person must sign in again.");
        }
        OidcLog.SentToSignIn(logger, request.ClientId, reason);
        var returnTo = ReturnUrl(context, request);
        var named = request.GetParameter(ProviderParameter)?.ToString();
        var provider = named is { Length: > 0 } ? providers.Find(named) : session?.Provider is { } own ? providers.Find(own) : null;
        if (named is { Length: > 0 } && provider is null) return OidcResults.Forbid(OidcErrors.InvalidRequest, $"The {ProviderParameter} parameter names no provider of this server.");
        var passThrough = request.LoginHint is { Length: > 0 } hint
            ? new Dictionary<string, string> { [Parameters.LoginHint] = hint }
            : new Dictionary<string, string>();
        if (provider is null)
        {
            var page = urls.SignIn(context, returnTo);
            if (request.LoginHint is { Length: > 0 } h) page = QueryHelpers.AddQueryString(page, Parameters.LoginHint, h);
            // the page is another request: the app's language preference goes along
            if (request.UiLocales is { Length: > 0 } locales) page = QueryHelpers.AddQueryString(page, Parameters.UiLocales, locales);
            return Results.Redirect(Urls.ForHeader(page));
        }
        var url = await starter.BeginAsync(context, provider, returnTo, new AuthorizationRequest.SignInIntent(Reauthenticate: session is not null, passThrough));
        return Results.Redirect(Urls.ForHeader(url));
    }

    /// <summary>This authorization request as a local URL (a POSTed request too), minus what the coming sign-in satisfies.</summary>
    private static string ReturnUrl(HttpContext context, OpenIddictRequest request)
    {
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in RequestParameters.Of(request, name => name is Parameters.MaxAge || ConsentDecision.IsFormField(name)))
        {
            var text = value;
            if (name == Parameters.Prompt)
            {
                text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p is not PromptValues.Login));
                if (text.Length == 0) continue;
            }
            query.Add(new(name, text));
        }
        return QueryHelpers.AddQueryString($"{context.Request.PathBase}{context.Request.Path}", query);
    }
}

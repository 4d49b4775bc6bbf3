using System.Text.Json;
using Daemun.Accounts;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET|POST /callback/{provider}</c>: the provider sends the browser back here. Each step below can refuse with one error code.</summary>
internal sealed class CallbackEndpoint(
    ProviderRegistry providers,
    ISignInStates signInStates,
    Discovery discovery,
    TokenClient tokenClient,
    OAuth1Client oauth1,
    IdTokenValidator idTokens,
    ProfileClient profiles,
    GrantedItemsClient grantedItems,
    SessionService sessions,
    SignInCompletion completion,
    PendingSignIns pendingSignIns,
    Respond respond,
    Urls urls,
    TimeProvider time,
    IOptions<DaemunOptions> options,
    ILogger<CallbackEndpoint> logger)
{
    private sealed record CallbackInput(string? Code, string? State, string? Error, string? Iss, IReadOnlyDictionary<string, string> Fields, bool Relayed);

    public Task<IResult> HandleAsync(HttpContext context, string provider) => respond.CallbackPageAsync(context, provider, async () =>
    {
        var p = providers.Find(provider) ?? throw new DaemunException(ErrorCode.UnknownProvider, "no such provider");
        var input = await ReadInputAsync(context, p);
        if (FormPostRelay.Page(context, p, input.Fields, input.Relayed) is { } relay) return relay; // form_post: re-sent from this site, with its cookies
        var state = await ValidateStateAsync(context, p, input);
        context.Items[Respond.CallbackUrlKey] = state.CallbackUrl; // a cancellation below returns to the sign-in page with it
        var endpoints = await discovery.ResolveAsync(p, context.RequestAborted);
        CheckIssuerParameter(p, endpoints, input);
        if (IsDeclinedAutoLogin(p, state, input)) return Redirects.Plain(SignInPageAfterAutoLogin(context, p, state));
        RejectProviderError(context, input);
        var forwarded = ForwardedParameters(p, input);
        var tokens = p.Kind == ProviderKind.OAuth1
            ? await oauth1.ExchangeVerifierAsync(p, input.Code!, state, context.RequestAborted)
            : await tokenClient.ExchangeCodeAsync(p, endpoints, input.Code!, state, forwarded, context.RequestAborted);
        var claims = await ValidateIdTokenAsync(p, endpoints, tokens, state, context.RequestAborted);
        var authentication = CheckAuthenticationTime(p, state, claims);
        var profile = await profiles.FetchAsync(p, endpoints, tokens, claims, context.RequestAborted,
            p.Kind == ProviderKind.OAuth1 ? oauth1.Signer(p, tokens) : null, ProfileFields(p, input));
        (tokens, var missing) = await CheckRequiredItemsAsync(p, tokens, context.RequestAborted);
        if (missing.Count > 0) return Redirects.Plain(ConsentPage(context, p, missing, state.CallbackUrl));
        var linkTo = await CheckLinkIntentAsync(context, state);
        if (await AskWhichIsMeantAsync(context, p, state, profile, tokens, authentication, linkTo) is { } choicePage) return Redirects.Plain(choicePage);
        return Redirects.Plain(await completion.CompleteAsync(context, p, profile, tokens, authentication, linkTo, state.CallbackUrl));
    });

    private async Task<CallbackInput> ReadInputAsync(HttpContext context, ProviderOptions p)
    {
        var max = options.Value.MaxParameterLength;
        var values = HttpMethods.IsPost(context.Request.Method)
            ? (await RequestInput.FormAsync(context, max)).ToDictionary(kv => kv.Key, kv => kv.Value)
            : RequestInput.Query(context).ToDictionary(kv => kv.Key, kv => kv.Value);
        string? Read(string name) => values.TryGetValue(name, out var v) ? RequestInput.Value(v, name, max) : null;
        // the response fields read: validated (size, UTF-8); error_description is never logged (it can echo the code)
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (string[])["code", "state", "error", "error_description", "iss", .. p.AuthorizationResponseProfile?.Fields ?? [], .. p.TokenRequest.CallbackParameters])
        {
            if (Read(name) is { } value) fields[name] = value;
        }
        if (p.Kind == ProviderKind.OAuth1)
        {
            // RFC 5849 §2.2: oauth_token (the temporary credentials this browser's sign-in started with) stands in for state, oauth_verifier
            // for the code; providers send `denied` with the token when the person refused
            return Read("denied") is { } denied
                ? new CallbackInput(null, denied, "access_denied", null, fields, Relayed: false)
                : new CallbackInput(Read("oauth_verifier"), Read("oauth_token"), null, null, fields, Relayed: false);
        }
        return new CallbackInput(fields.GetValueOrDefault("code"), fields.GetValueOrDefault("state"), fields.GetValueOrDefault("error"), fields.GetValueOrDefault("iss"),
            fields, Read(FormPostRelay.Field) == "1");
    }

    /// <summary>The authorization response's fields the declaration adds to the profile (Apple's <c>user</c>); none when it reads none.</summary>
    private static Dictionary<string, string>? ProfileFields(ProviderOptions p, CallbackInput input) =>
        p.AuthorizationResponseProfile is { } reader && reader.Fields.Where(input.Fields.ContainsKey).ToDictionary(f => f, f => input.Fields[f], StringComparer.Ordinal) is { Count: > 0 } present
            ? present : null;

    /// <summary>RFC 9207 (mix-up): an <c>iss</c> on the authorization response must be the provider's issuer, and it must be there when
    /// the provider's discovery advertises <c>authorization_response_iss_parameter_supported</c>. Checked before anything of the response is used.</summary>
    private static void CheckIssuerParameter(ProviderOptions p, ResolvedEndpoints endpoints, CallbackInput input)
    {
        var issuer = endpoints.Issuer ?? p.Issuer;
        if (input.Iss is null && !endpoints.IssParameterSupported) return;
        if (input.Iss is null) throw new DaemunException(ErrorCode.InvalidProviderResponse, "the authorization response has no iss, which the provider advertises (RFC 9207)");
        if (issuer is not null && !string.Equals(input.Iss, issuer, StringComparison.Ordinal))
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "the authorization response's iss is not the provider's issuer (RFC 9207)");
        }
    }

    /// <summary>The state must be one this browser started for this provider, be fresh, and never have been used.</summary>
    private Task<SignInState> ValidateStateAsync(HttpContext context, ProviderOptions p, CallbackInput input) =>
        signInStates.TakeAsync(context, p.Id, input.State);

    /// <summary>An automatic attempt in the provider's app that the provider could not honour (Naver: not logged in, consent needed,
    /// unsupported browser): not a failure, the person simply gets the normal sign-in page.</summary>
    private static bool IsDeclinedAutoLogin(ProviderOptions p, SignInState state, CallbackInput input) =>
        state.AutoLogin && p.AutoLogin is { } a && input.Error == a.FallbackError;

    /// <summary><c>/signin?callbackUrl=…&amp;autologin=off</c>: the page with its buttons, no notice, and no second automatic attempt.</summary>
    private string SignInPageAfterAutoLogin(HttpContext context, ProviderOptions p, SignInState state)
    {
        Log.AutoLoginDeclined(logger, p.Id, ProviderErrors.Safe(p.AutoLogin!.FallbackError));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(urls.Path(context, "signin"), new Dictionary<string, string?>
        {
            ["callbackUrl"] = state.CallbackUrl, ["autologin"] = "off",
        });
    }

    /// <summary>The provider refused: a cancellation, or another error whose code (only a listed one, never its description) the error page
    /// puts in words (<see cref="ProviderRefusals"/>).</summary>
    private static void RejectProviderError(HttpContext context, CallbackInput input)
    {
        if (input.Error is { } error)
        {
            var code = error == "access_denied" ? ErrorCode.AccessDenied : ErrorCode.OAuthCallbackError;
            if (ProviderRefusals.Listed(error) is { } listed) context.Items[Respond.ProviderErrorKey] = listed;
            throw new DaemunException(code, $"the provider answered error={ProviderErrors.Safe(error)}");
        }
        if (string.IsNullOrEmpty(input.Code)) throw new DaemunException(ErrorCode.InvalidRequest, "the callback has neither code nor error");
    }

    /// <summary>The callback's parameters the token request sends on (VK ID's <c>device_id</c>; <see cref="TokenRequest.CallbackParameters"/>): only
    /// the declared ones, each present and bounded (<see cref="TokenRequest.IsAcceptableCallbackValue"/>), so a value an attacker put in the
    /// callback URL cannot carry anything else into the request to the provider. Checked before any token request is made.</summary>
    private static List<KeyValuePair<string, string>> ForwardedParameters(ProviderOptions p, CallbackInput input)
    {
        var forwarded = new List<KeyValuePair<string, string>>();
        foreach (var name in p.TokenRequest.CallbackParameters)
        {
            if (!input.Fields.TryGetValue(name, out var value)) throw new DaemunException(ErrorCode.InvalidRequest, $"the callback has no {name}, which the token request needs");
            if (!TokenRequest.IsAcceptableCallbackValue(value))
            {
                throw new DaemunException(ErrorCode.InvalidRequest,
                    $"the callback's {name} is not 1 to {TokenRequest.MaxCallbackParameterLength} characters of A-Z a-z 0-9 - . _ ~ ({value.Length} characters)");
            }
            forwarded.Add(new(name, value));
        }
        return forwarded;
    }

    /// <summary>OIDC: the id_token must be signed by the issuer's key and carry our audience and nonce, and its at_hash (when present) match the access token.</summary>
    private async Task<JsonElement?> ValidateIdTokenAsync(ProviderOptions p, ResolvedEndpoints endpoints, TokenSet tokens, SignInState state, CancellationToken ct)
    {
        if (p.Kind != ProviderKind.Oidc) return null;
        if (tokens.IdToken is null) throw new DaemunException(ErrorCode.InvalidIdToken, "the token response has no id_token");
        var expected = IdTokenExpectations.Of(p, endpoints, endpoints.Keys!, state.Nonce, tokens.AccessToken);
        var result = await idTokens.ValidateAsync(tokens.IdToken, expected, ct);
        if (result.Failure == IdTokenFailure.KeysUnavailable) throw new DaemunException(ErrorCode.ProviderUnavailable, $"id_token: {result.Detail}");
        if (result.Failure == IdTokenFailure.KeysRefused) throw new DaemunException(ErrorCode.InvalidProviderResponse, $"id_token: {result.Detail}");
        if (!result.Succeeded) throw new DaemunException(ErrorCode.InvalidIdToken, $"id_token: {result.Failure}: {result.Detail}");
        return result.Claims;
    }

    /// <summary>Items the app requires (<see cref="ProviderOptions.RequiredItems"/>) that the person declined; the granted items are kept as the
    /// account's scope when the token response named none (Naver's).</summary>
    private async Task<(TokenSet Tokens, IReadOnlyList<string> Missing)> CheckRequiredItemsAsync(ProviderOptions p, TokenSet tokens, CancellationToken ct)
    {
        if (p.GrantedItems is not { } api || p.RequiredItems.Count == 0) return (tokens, []);
        var granted = await grantedItems.GetAsync(api, tokens.AccessToken, ct);
        var missing = p.RequiredItems.Where(item => !granted.Contains(item, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0) Log.RequiredItemsDeclined(logger, p.Id, string.Join(',', missing));
        return (tokens with { Scope = tokens.Scope ?? string.Join(' ', granted) }, missing);
    }

    private string ConsentPage(HttpContext context, ProviderOptions p, IReadOnlyList<string> missing, string callbackUrl) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(urls.Path(context, "consent"), new Dictionary<string, string?>
        {
            ["provider"] = p.Id, ["missing"] = string.Join(',', missing), ["callbackUrl"] = callbackUrl,
        });

    /// <summary>When the person last really authenticated: the id_token's <c>auth_time</c> when there is one, else now. A re-authentication
    /// the provider did not perform (its auth_time is from before the request) is refused, so a provider ignoring prompt=login is caught.</summary>
    private Authentication CheckAuthenticationTime(ProviderOptions p, SignInState state, JsonElement? claims)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? authTime = claims is { } c && c.TryGetProperty("auth_time", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var seconds)
            && seconds is > 0 and < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        if (state.Reauthenticate && authTime is { } at && at < state.IssuedAt - AuthTimeSkew)
        {
            throw new DaemunException(ErrorCode.ReauthenticationFailed, $"the provider did not re-authenticate (auth_time is {(state.IssuedAt - at).TotalSeconds:0} s before the request)");
        }
        return new Authentication(p.Id, authTime is { } t && t < now ? t : now);
    }

    /// <summary>Clock difference tolerated between the provider and us when comparing auth_time with the request's time.</summary>
    private static readonly TimeSpan AuthTimeSkew = TimeSpan.FromMinutes(1);

    /// <summary>A link intent (the account page's "connect") holds only for the user who started it, still signed in now: a sign-in started in
    /// one person's session never links to another's (a session cookie swapped or planted meanwhile).</summary>
    private async Task<string?> CheckLinkIntentAsync(HttpContext context, SignInState state)
    {
        if (state.LinkUserId is not { } linkTo) return null;
        var signedIn = (await sessions.ReadAsync(context, context.RequestAborted))?.UserId;
        if (signedIn is null) throw new DaemunException(ErrorCode.SessionRequired, "the link was started by a session that has ended");
        if (signedIn != linkTo) throw new DaemunException(ErrorCode.StateInvalid, "the link was started by another user's session");
        return linkTo;
    }

    /// <summary>Signed in, no link intent, and an account nobody has linked: the person may mean "add this to my account" or "I am someone
    /// else" — and the session may not even be theirs (a planted cookie). Nothing is written; the sign-in is held (<see cref="PendingSignIns"/>)
    /// and the choice page asks. Returns that page's URL, or null to go on (no session, a known account, a link intent, no database).</summary>
    private async Task<string?> AskWhichIsMeantAsync(HttpContext context, ProviderOptions p, SignInState state, NormalizedProfile profile, TokenSet tokens,
        Authentication authentication, string? linkTo)
    {
        if (linkTo is not null || !pendingSignIns.Available) return null;
        if (await sessions.ReadAsync(context, context.RequestAborted) is not { } session) return null;
        if (await completion.IsKnownAsync(p, profile, context.RequestAborted)) return null; // that account's user is signed in instead
        await pendingSignIns.SaveAsync(context, new PendingSignIn(p.Id, profile, tokens, authentication, state.CallbackUrl, session.UserId, time.GetUtcNow()));
        Log.AccountChoiceAsked(logger, p.Id, session.UserId);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(urls.Path(context, "signin-choice"), "provider", p.Id);
    }
}

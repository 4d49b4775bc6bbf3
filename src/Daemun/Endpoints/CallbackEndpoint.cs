using System.Text.Json;
using Daemun.Accounts;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Protocol.Jose;
using Daemun.Providers;
using Daemun.Sessions;
using Daemun.Storage;
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
    IdTokenValidator idTokens,
    ProfileClient profiles,
    AccountResolver accounts,
    SessionService sessions,
    IDaemunStore store,
    Respond respond,
    IOptions<DaemunOptions> options,
    ILogger<CallbackEndpoint> logger)
{
    private sealed record CallbackInput(string? Code, string? State, string? Error);

    public Task<IResult> HandleAsync(HttpContext context, string provider) => respond.PageAsync(context, "callback", provider, async () =>
    {
        var p = providers.Find(provider) ?? throw new DaemunException(ErrorCode.UnknownProvider, "no such provider");
        var input = await ReadInputAsync(context);
        var state = await ValidateStateAsync(context, p, input);
        RejectProviderError(input);
        var endpoints = await discovery.ResolveAsync(p, context.RequestAborted);
        var tokens = await tokenClient.ExchangeCodeAsync(p, endpoints, input.Code!, state, context.RequestAborted);
        var claims = await ValidateIdTokenAsync(p, endpoints, tokens, state, context.RequestAborted);
        var profile = await profiles.FetchAsync(p, endpoints, tokens, claims, context.RequestAborted);
        var (user, outcome, session) = await ResolveAccountAndIssueSessionAsync(context, p, profile, tokens);
        sessions.Write(context, session);

        Log.SignInCompleted(logger, p.Id, user.Id, outcome.ToString());
        return Results.Redirect(state.CallbackUrl);
    });

    private async Task<CallbackInput> ReadInputAsync(HttpContext context)
    {
        var max = options.Value.MaxParameterLength;
        var values = HttpMethods.IsPost(context.Request.Method)
            ? (await RequestInput.FormAsync(context, max)).ToDictionary(kv => kv.Key, kv => kv.Value)
            : RequestInput.Query(context).ToDictionary(kv => kv.Key, kv => kv.Value);
        string? Read(string name) => values.TryGetValue(name, out var v) ? RequestInput.Value(v, name, max) : null;
        Read("error_description"); // validated (size, UTF-8) but never logged: it can echo the code
        return new CallbackInput(Read("code"), Read("state"), Read("error"));
    }

    /// <summary>The state must be one this browser started for this provider, be fresh, and never have been used.</summary>
    private Task<SignInState> ValidateStateAsync(HttpContext context, ProviderOptions p, CallbackInput input) =>
        signInStates.TakeAsync(context, p.Id, input.State);

    private static void RejectProviderError(CallbackInput input)
    {
        if (input.Error is { } error)
        {
            var code = error == "access_denied" ? ErrorCode.AccessDenied : ErrorCode.OAuthCallbackError;
            throw new DaemunException(code, $"the provider answered error={ProviderErrors.Safe(error)}");
        }
        if (string.IsNullOrEmpty(input.Code)) throw new DaemunException(ErrorCode.InvalidRequest, "the callback has neither code nor error");
    }

    /// <summary>OIDC: the id_token must be signed by the issuer's key and carry our audience and nonce.</summary>
    private async Task<JsonElement?> ValidateIdTokenAsync(ProviderOptions p, ResolvedEndpoints endpoints, TokenSet tokens, SignInState state, CancellationToken ct)
    {
        if (p.Kind != ProviderKind.Oidc) return null;
        if (tokens.IdToken is null) throw new DaemunException(ErrorCode.InvalidIdToken, "the token response has no id_token");
        var expected = new IdTokenExpectations(endpoints.Issuer ?? p.Issuer!, p.ClientId!, state.Nonce, new Uri(endpoints.Jwks!));
        var result = await idTokens.ValidateAsync(tokens.IdToken, expected, ct);
        if (result.Failure == IdTokenFailure.KeysUnavailable) throw new DaemunException(ErrorCode.ProviderUnavailable, $"id_token: {result.Detail}");
        if (!result.Succeeded) throw new DaemunException(ErrorCode.InvalidIdToken, $"id_token: {result.Failure}: {result.Detail}");
        return result.Claims;
    }

    /// <summary>One transaction: the account rules and the session row land together or not at all. A lost race is retried.</summary>
    private async Task<(UserRecord, SignInOutcome, IssuedSession)> ResolveAccountAndIssueSessionAsync(
        HttpContext context, ProviderOptions p, NormalizedProfile profile, TokenSet tokens)
    {
        var signedInUserId = (await sessions.ReadAsync(context, context.RequestAborted))?.UserId;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.InTransactionAsync(async tx =>
                {
                    var (user, outcome) = await accounts.ResolveAsync(tx, p, profile, tokens, signedInUserId);
                    return (user, outcome, await sessions.IssueAsync(tx, user, context));
                }, context.RequestAborted);
            }
            catch (StoreConflictException) when (attempt < 3)
            {
                // a concurrent callback created the same account or email first; the rules now see its rows
            }
        }
    }
}

using System.Buffers.Text;
using Daemun.Errors;
using Daemun.Security;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Daemun.Protocol;

/// <summary>With a database: the sign-in waits in the shared table <c>sign_in_requests</c>, so any instance can complete it. The row is keyed by
/// the state's SHA-256 and holds the whole <see cref="SignInState"/> encrypted; the browser is bound by a random value in the HttpOnly state
/// cookie, whose SHA-256 the row keeps. The cookie is reused by the browser's next sign-in, so sign-ins in several tabs each complete.</summary>
internal sealed class StoredSignInStates(
    SignInStateProtector protector,
    DaemunCookies cookies,
    ISignInRequestStore store,
    TimeProvider time,
    IOptions<DaemunOptions> options) : ISignInStates
{
    /// <summary>A binding value is 32 random bytes, base64url: 43 characters.</summary>
    private const int BindingLength = 43;

    /// <inheritdoc/>
    public async Task SaveAsync(HttpContext context, SignInState state)
    {
        var binding = ExistingBinding(context) ?? RandomToken.New();
        var request = new SignInRequestRecord(RandomToken.Hash(state.State), RandomToken.Hash(binding), protector.Protect(state),
            state.IssuedAt + options.Value.StateLifetime);
        await store.SaveSignInRequestAsync(request, time.GetUtcNow(), context.RequestAborted);
        cookies.Write(context, DaemunCookies.State, binding, options.Value.StateLifetime); // renewed: it lives as long as the newest sign-in
    }

    /// <inheritdoc/>
    public async Task<SignInState> TakeAsync(HttpContext context, string providerId, string? stateFromCallback)
    {
        var binding = cookies.Read(context, DaemunCookies.State);
        if (stateFromCallback is null || binding is null)
        {
            cookies.Delete(context, DaemunCookies.State);
            throw new DaemunException(ErrorCode.StateMissing, stateFromCallback is null ? "the callback has no state" : "this browser has no sign-in in progress");
        }

        var taken = await store.TakeSignInRequestAsync(RandomToken.Hash(stateFromCallback), RandomToken.Hash(binding), time.GetUtcNow(), context.RequestAborted);
        // a refused callback ends this browser's sign-ins in progress; a completed one keeps the binding while other tabs still need it
        if (taken.Outcome != SignInRequestOutcome.Taken || !taken.BrowserHasOthers) cookies.Delete(context, DaemunCookies.State);
        var state = taken.Outcome switch
        {
            SignInRequestOutcome.Taken => protector.Unprotect(taken.Material!)
                ?? throw new DaemunException(ErrorCode.StateInvalid, "the stored sign-in could not be decrypted"),
            SignInRequestOutcome.Expired => throw new DaemunException(ErrorCode.StateExpired, "the state is older than its lifetime"),
            SignInRequestOutcome.OtherBrowser => throw new DaemunException(ErrorCode.StateInvalid, "the sign-in with this state was started by another browser"),
            SignInRequestOutcome.Replayed => throw new DaemunException(ErrorCode.StateReplayed, "the state was already used"),
            _ => throw new DaemunException(ErrorCode.StateInvalid, "no sign-in with this state is in progress"),
        };
        if (state.Provider != providerId) throw new DaemunException(ErrorCode.StateInvalid, $"the sign-in in progress is for {state.Provider}");
        if (!SignInStateChecks.SameState(state.State, stateFromCallback))
        {
            throw new DaemunException(ErrorCode.StateInvalid, "the stored sign-in's state differs from the callback's");
        }
        return state;
    }

    /// <summary>This browser's binding value when it has a well-formed one (a cookie of another shape, e.g. an old sealed state, is replaced).</summary>
    private string? ExistingBinding(HttpContext context) =>
        cookies.Read(context, DaemunCookies.State) is { Length: BindingLength } value && Base64Url.IsValid(value) ? value : null;
}

using Daemun.Errors;
using Daemun.Security;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Daemun.Protocol;

/// <summary>Without a database (<see cref="StatelessUserStore"/>): the whole <see cref="SignInState"/> is sealed with Data Protection into the
/// HttpOnly state cookie, one sign-in per browser at a time; used states are remembered by the store (in memory, per process).</summary>
internal sealed class CookieSignInStates(
    SignInStateProtector protector,
    DaemunCookies cookies,
    IConsumedStateStore store,
    TimeProvider time,
    IOptions<DaemunOptions> options) : ISignInStates
{
    /// <inheritdoc/>
    public Task SaveAsync(HttpContext context, SignInState state)
    {
        cookies.Write(context, DaemunCookies.State, protector.Protect(state), options.Value.StateLifetime);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<SignInState> TakeAsync(HttpContext context, string providerId, string? stateFromCallback)
    {
        var sealedState = cookies.Read(context, DaemunCookies.State);
        cookies.Delete(context, DaemunCookies.State);
        if (stateFromCallback is null) throw new DaemunException(ErrorCode.StateMissing, "the callback has no state");
        if (sealedState is null) throw new DaemunException(ErrorCode.StateMissing, "this browser has no sign-in in progress");
        var state = protector.Unprotect(sealedState) ?? throw new DaemunException(ErrorCode.StateInvalid, "the state cookie could not be decrypted");
        if (state.Provider != providerId) throw new DaemunException(ErrorCode.StateInvalid, $"the sign-in in progress is for {state.Provider}");
        var now = time.GetUtcNow();
        var expires = state.IssuedAt + options.Value.StateLifetime;
        if (now > expires) throw new DaemunException(ErrorCode.StateExpired, "the state is older than its lifetime");
        if (!SignInStateChecks.SameState(state.State, stateFromCallback))
        {
            throw new DaemunException(ErrorCode.StateInvalid, "the callback's state differs from this browser's");
        }
        if (!await store.TryConsumeStateAsync(RandomToken.Hash(state.State), expires, now, context.RequestAborted))
        {
            throw new DaemunException(ErrorCode.StateReplayed, "the state was already used");
        }
        return state;
    }
}

using Microsoft.AspNetCore.Http;

namespace Daemun.Protocol;

/// <summary>Where a started sign-in waits for its callback: in the shared store (<see cref="StoredSignInStates"/>) or, without a database,
/// in an encrypted cookie (<see cref="CookieSignInStates"/>). Either way it is bound to the browser that started it, single use and short-lived.</summary>
internal interface ISignInStates
{
    /// <summary>Remembers <paramref name="state"/> for this browser until its callback.</summary>
    Task SaveAsync(HttpContext context, SignInState state);

    /// <summary>The sign-in this browser started with <paramref name="stateFromCallback"/> for <paramref name="providerId"/>, taken so that it
    /// cannot be used again; otherwise throws <see cref="Errors.DaemunException"/> with StateMissing, StateInvalid, StateExpired or StateReplayed.</summary>
    Task<SignInState> TakeAsync(HttpContext context, string providerId, string? stateFromCallback);
}

namespace Daemun.Storage;

/// <summary>The answer of <see cref="ISignInRequestStore.TakeSignInRequestAsync"/>; <paramref name="BrowserHasOthers"/> says whether the same browser
/// still has other sign-ins in progress (so its binding cookie must stay).</summary>
public sealed record SignInRequestTake(SignInRequestOutcome Outcome, string? Material, bool BrowserHasOthers);

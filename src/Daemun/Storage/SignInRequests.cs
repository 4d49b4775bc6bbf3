namespace Daemun.Storage;

/// <summary>A started sign-in as the store keeps it until its callback: the SHA-256 of its state (never the state), the SHA-256 of the
/// browser's binding value, the Data-Protection-encrypted material (verifier and nonce live only in there) and when it expires.</summary>
public sealed record SignInRequestRecord(string StateHash, string BrowserHash, string Material, DateTimeOffset ExpiresAt);

/// <summary>What taking a started sign-in found.</summary>
public enum SignInRequestOutcome
{
    /// <summary>This browser's sign-in, now deleted and remembered as used; <see cref="SignInRequestTake.Material"/> holds it.</summary>
    Taken,
    /// <summary>This browser's sign-in, past its expiry; deleted.</summary>
    Expired,
    /// <summary>A sign-in with this state is in progress, but another browser started it; left as it is.</summary>
    OtherBrowser,
    /// <summary>A sign-in with this state was taken before.</summary>
    Replayed,
    /// <summary>No sign-in with this state is known.</summary>
    Unknown,
}

/// <summary>The answer of <see cref="ISignInRequestStore.TakeSignInRequestAsync"/>; <paramref name="BrowserHasOthers"/> says whether the same browser
/// still has other sign-ins in progress (so its binding cookie must stay).</summary>
public sealed record SignInRequestTake(SignInRequestOutcome Outcome, string? Material, bool BrowserHasOthers);

namespace Daemun.Storage;

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

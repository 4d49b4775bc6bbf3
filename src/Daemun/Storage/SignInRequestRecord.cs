namespace Daemun.Storage;

/// <summary>A started sign-in as the store keeps it until its callback: the SHA-256 of its state (never the state), the SHA-256 of the
/// browser's binding value, the Data-Protection-encrypted material (verifier and nonce live only in there) and when it expires.</summary>
public sealed record SignInRequestRecord(string StateHash, string BrowserHash, string Material, DateTimeOffset ExpiresAt);

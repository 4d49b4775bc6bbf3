namespace Daemun.Emulator;

/// <summary>An authorize request waiting for the person's decision on the consent page.</summary>
internal sealed record PendingAuthorization(
    string Id,
    string Provider,
    EmulatorClient Client,
    string RedirectUri,
    string? State,
    IReadOnlyList<string> Scopes,
    string? Nonce,
    string? CodeChallenge,
    DateTimeOffset CreatedAt)
{
    /// <summary>Provider-specific extras (Naver auth_type, Google access_type, …).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the person must enter the password again (prompt=login, auth_type=reauthenticate, max_age); set when the consent page is shown.</summary>
    public bool Reauthenticate { get; init; }
}

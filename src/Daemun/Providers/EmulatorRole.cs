namespace Daemun.Providers;

/// <summary>What the provider emulator does with a setting when it serves a provider that has no real credentials.</summary>
internal enum EmulatorRole
{
    /// <summary>Kept as declared.</summary>
    None,
    /// <summary>The emulator's registered client id or secret.</summary>
    Credential,
    /// <summary>The emulator's own address for this endpoint.</summary>
    Endpoint,
    /// <summary>Read from the emulator's discovery document instead (OpenID Connect).</summary>
    Discovered,
}

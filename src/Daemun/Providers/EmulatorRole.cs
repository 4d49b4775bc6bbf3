namespace Daemun.Providers;

/// <summary>What the provider emulator does with a setting when it serves a provider that has no real credentials
/// (<see cref="EmulatedProvider.Apply"/> walks <see cref="ProviderSettings.All"/> and reads this). A closed set: a setting the emulator must not
/// leave pointing at the real service has <see cref="Endpoint"/> or <see cref="Discovered"/>; every <see cref="SettingKind.Url"/> setting has one of
/// them (ProviderSettingsTests checks it).</summary>
internal enum EmulatorRole
{
    /// <summary>Kept as declared: the setting names nothing at the provider (a scope, a flag, a name).</summary>
    None,

    /// <summary>The emulator's registered app: its client id or secret, looked up by the setting's key.</summary>
    Credential,

    /// <summary>A URL at the provider. When the declaration has one, it becomes the emulator's address for it (looked up by the setting's key),
    /// or, when the emulator names none, the provider's own path under the emulator's root for the provider (answered there or with 404);
    /// an endpoint the declaration does not have stays absent.</summary>
    Endpoint,

    /// <summary>A URL OpenID Connect finds by discovery: null for an OpenID Connect declaration (the emulator's discovery document names it),
    /// otherwise as <see cref="Endpoint"/>.</summary>
    Discovered,
}

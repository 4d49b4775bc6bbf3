namespace Daemun.Providers;

/// <summary>A provider registered in code: its defaults and the app's overrides.</summary>
internal sealed record ProviderRegistration(string Id, Func<ProviderOptions> Defaults, Action<ProviderOptions>? Configure);

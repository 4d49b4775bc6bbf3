namespace Daemun.Emulator;

/// <summary>Route metadata naming the provider and endpoint kind of a mapped path.</summary>
internal sealed record EmulatorRoute(string Provider, EmulatorEndpoint Endpoint);

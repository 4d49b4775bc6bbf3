namespace Daemun.Emulator;

/// <summary>An issued authorization code.</summary>
internal sealed record AuthorizationCode(string Value, Grant Grant, DateTimeOffset ExpiresAt);

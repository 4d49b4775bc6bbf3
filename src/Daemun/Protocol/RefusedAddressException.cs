namespace Daemun.Protocol;

/// <summary>A discovered endpoint's host is, or resolved to, an address the rule of <see cref="ProviderAddresses"/> refuses;
/// thrown before any connection is attempted. The message names the host, never a token.</summary>
internal sealed class RefusedAddressException(string host) : IOException($"{host} is not a public address")
{
    /// <summary>The refused host name or literal.</summary>
    public string Host { get; } = host;
}

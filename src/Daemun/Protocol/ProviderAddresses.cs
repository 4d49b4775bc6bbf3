using System.Net;
using System.Net.Sockets;
using Daemun.Errors;

namespace Daemun.Protocol;

/// <summary>Where an endpoint a provider's discovery document named may point: only public addresses, plus loopback when the
/// configured issuer is itself on loopback (the emulator, tests). Private, shared, link-local (the cloud metadata address among
/// them), unspecified, multicast and reserved addresses are never allowed.</summary>
internal static class ProviderAddresses
{
    /// <summary>True when a discovered endpoint may connect to <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback;
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    /// <summary>True when <paramref name="host"/> is an IP literal or <c>localhost</c> on loopback.</summary>
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));

    /// <summary>The rule for a URL a discovery document named, checked when the document is read: https (http only to loopback, and
    /// only when loopback is allowed), and an IP-literal host must be an allowed address. Host names are checked when connecting.
    /// Throws <see cref="DaemunException"/> (<see cref="ErrorCode.InvalidProviderResponse"/>) naming the member.</summary>
    public static Uri RequireDiscoveredUrl(string? url, string member, bool allowLoopback)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttps && u.Scheme != Uri.UriSchemeHttp))
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"discovery: {member} is missing or not a URL");
        }
        var host = u.IdnHost;
        var loopbackHost = IsLoopbackHost(host);
        if (u.Scheme == Uri.UriSchemeHttp && !(allowLoopback && loopbackHost))
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"discovery: {member} is not https");
        }
        var allowed = IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? IsAllowed(ip, allowLoopback) : !loopbackHost || allowLoopback;
        if (!allowed) throw new DaemunException(ErrorCode.InvalidProviderResponse, $"discovery: {member} points to {host}, which is not a public address");
        return u;
    }

    private static bool IsPublicV4(byte[] b) => b[0] switch
    {
        0 => false,                                  // 0/8: "this network", the unspecified address
        10 => false,                                 // 10/8 private
        100 when (b[1] & 0xC0) == 64 => false,       // 100.64/10 shared (carrier-grade NAT)
        127 => false,                                // loopback (decided above)
        169 when b[1] == 254 => false,               // 169.254/16 link-local, incl. 169.254.169.254 cloud metadata
        172 when (b[1] & 0xF0) == 16 => false,       // 172.16/12 private
        192 when b[1] == 168 => false,               // 192.168/16 private
        192 when b[1] == 0 && b[2] == 0 => false,    // 192.0.0/24 protocol assignments
        198 when (b[1] & 0xFE) == 18 => false,       // 198.18/15 benchmarking
        >= 224 => false,                             // 224/4 multicast, 240/4 reserved, broadcast
        _ => true,
    };

    private static bool IsPublicV6(IPAddress a)
    {
        if (a.Equals(IPAddress.IPv6Any) || a.IsIPv6Multicast || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6UniqueLocal) return false;
        var b = a.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC) return false; // fc00::/7 unique local
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return false; // fe80::/10 link-local
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return IsPublicV4(b[12..]); // 64:ff9b::/96 NAT64 carries an IPv4 address
        if (b.Take(12).All(x => x == 0)) return false; // ::/96 (unspecified, IPv4-compatible)
        return true;
    }
}

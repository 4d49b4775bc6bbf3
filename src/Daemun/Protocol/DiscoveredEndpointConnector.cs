using System.Net;

namespace Daemun.Protocol;

/// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/> of the clients that call discovered endpoints: resolves the host
/// through <see cref="IProviderNetwork"/>, refuses the connection when any address is not allowed (DNS rebinding included, since
/// the check is on the addresses actually connected to), and connects only to checked addresses.</summary>
internal sealed class DiscoveredEndpointConnector(IProviderNetwork network, bool allowLoopback)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await network.ResolveAsync(host, ct);
        if (addresses.Length == 0 || addresses.Any(a => !ProviderAddresses.IsAllowed(a, allowLoopback))) throw new RefusedAddressException(host);
        Exception? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await network.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
            }
        }
        throw last!;
    }
}

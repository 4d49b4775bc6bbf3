using System.Net;

namespace Daemun.Protocol;

/// <summary>Name resolution and connecting for requests to discovered provider endpoints: the seam the address rule is checked
/// behind (a test maps made-up names and records connection attempts).</summary>
internal interface IProviderNetwork
{
    /// <summary>The addresses <paramref name="host"/> resolves to.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);

    /// <summary>Opens a TCP connection to <paramref name="endpoint"/>.</summary>
    Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken ct);
}

using System.Collections.Concurrent;
using System.Net;
using Daemun.Protocol;

namespace Daemun.Tests.Integration;

/// <summary>The name-resolution and connect seam for discovered provider endpoints, for tests (not in Infrastructure: the browser tests share that folder and cannot see internals): made-up names map to chosen addresses,
/// every resolution and connection attempt is recorded, and only loopback is ever really connected to — an attempt to any other
/// address is recorded and fails without a packet being sent, so even a test whose check was removed sends no traffic off the machine.</summary>
internal sealed class RecordingProviderNetwork : IProviderNetwork
{
    private readonly SystemProviderNetwork _system = new();

    /// <summary>Made-up host names and what they resolve to.</summary>
    public ConcurrentDictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every host name asked for.</summary>
    public ConcurrentQueue<string> Resolved { get; } = new();

    /// <summary>Every connection attempt, loopback or not.</summary>
    public ConcurrentQueue<IPEndPoint> Attempts { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        Resolved.Enqueue(host);
        if (Names.TryGetValue(host, out var addresses)) return Task.FromResult(addresses);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(new[] { IPAddress.Loopback });
        throw new HttpRequestException($"the test network does not know {host}");
    }

    public Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        Attempts.Enqueue(endpoint);
        if (!IPAddress.IsLoopback(endpoint.Address)) throw new HttpRequestException($"the test network never connects to {endpoint.Address}");
        return _system.ConnectAsync(endpoint, ct);
    }

    /// <summary>Connection attempts to anything but loopback.</summary>
    public IReadOnlyList<IPEndPoint> OffMachineAttempts => [.. Attempts.Where(a => !IPAddress.IsLoopback(a.Address))];
}

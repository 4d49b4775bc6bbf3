using System.Net;
using System.Net.Sockets;

namespace Daemun.Tests.MultiInstance;

/// <summary>A TCP proxy in front of PostgreSQL that can turn into a black hole: connections stay open but nothing gets through,
/// as when a network partition or a frozen server leaves packets unanswered (unlike a stopped server, which refuses at once).</summary>
public sealed class BlackholeProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private volatile bool _hole;

    public BlackholeProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>From now on nothing is forwarded, in either direction, on old or new connections.</summary>
    public void Blackhole() => _hole = true;

    /// <summary>Passes traffic again. The connections that were swallowing it are closed (what they lost cannot be replayed), as a network
    /// that comes back after a partition leaves the old connections reset; new ones are forwarded.</summary>
    public void Restore()
    {
        List<TcpClient> stale;
        lock (_gate)
        {
            _hole = false;
            stale = [.. _open];
            _open.Clear();
        }
        foreach (var c in stale) c.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            lock (_gate) _open.Add(client);
            if (_hole) continue; // accepted, never answered
            _ = ConnectAsync(client);
        }
    }

    private async Task ConnectAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        lock (_gate) _open.Add(upstream);
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            await Task.WhenAny(PumpAsync(client.GetStream(), upstream.GetStream()), PumpAsync(upstream.GetStream(), client.GetStream()));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException) { }
        if (!_hole)
        {
            client.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16384];
        while (true)
        {
            var n = await from.ReadAsync(buffer, _stop.Token);
            if (n == 0) return;
            if (!_hole) await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token); // in the hole: swallowed
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_gate) foreach (var c in _open) c.Dispose();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}

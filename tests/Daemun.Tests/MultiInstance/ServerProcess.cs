using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Daemun.Tests.MultiInstance;

/// <summary>The standalone server as a real, separate process: <c>dotnet Daemun.Server.dll --urls http://127.0.0.1:{port} --contentRoot {temp} --key=value…</c>,
/// the dll being the one copied next to the test assembly. Ready once <c>/healthz</c> answers 200; killed on dispose.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, string directory, string baseUrl) => (_process, _directory, BaseUrl) = (process, directory, baseUrl);

    /// <summary>e.g. http://127.0.0.1:51234 (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>Everything the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts an instance with these configuration keys (given as <c>--key=value</c> arguments).</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(settings);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // it exited at start-up, most likely because its port was taken meanwhile: again on another port
            }
        }
    }

    private static async Task<ServerProcess> StartOnceAsync(IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Daemun.Server.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: the test project references Daemun.Server, which copies it there");
        var directory = Directory.CreateTempSubdirectory("daemun-instance-").FullName;
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var a in new[] { dll, "--urls", baseUrl, "--contentRoot", directory, $"--Daemun:DataDirectory={directory}" }) start.ArgumentList.Add(a);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process, directory, baseUrl);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/healthz");
                // the banner is written only once this process has bound its port: a 200 alone may come from another server that took
                // the port between FreePort() and this process's bind (the whole suite starts many servers at once)
                if (response.StatusCode == HttpStatusCode.OK && Output.Contains("Daemun is ready", StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server did not become healthy within {limit}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Formats a number for a configuration value.</summary>
    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

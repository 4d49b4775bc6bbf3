using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OidcBench;

/// <summary>Runs <c>--warmup</c> flows, then <c>--flows</c> flows with <c>--concurrency</c> at once, and prints sign-ins per second, the
/// flow latency (p50, p99), and the CPU time the server process (<c>--server-pid</c>) and this driver used per sign-in while measuring.</summary>
internal static class FlowRun
{
    public static async Task<int> RunAsync(Arguments o)
    {
        var baseUrl = new Uri(o.Get("base"));
        var mode = o.Get("mode");
        if (mode is not ("oidc" or "signin")) throw new ArgumentException("--mode is oidc or signin");
        var flow = new SignInFlow(baseUrl, mode, o.Get("client-id", "bench-web"), o.Get("client-secret", ""), o.Get("redirect-uri", ""), o.Get("person", "kim"));
        var warmup = o.Int("warmup", 30);
        var count = o.Int("flows", 300);
        var concurrency = o.Int("concurrency", 4);
        var serverPid = o.Int("server-pid", 0);
        var ticks = o.Int("ticks-per-second", 100);
        var label = o.Get("label", mode);

        try
        {
            await RunManyAsync(flow, warmup, concurrency, null);
            Steps.Reset();
            var latencies = new double[count];
            var serverBefore = serverPid > 0 ? ProcessCpu.Of(serverPid, ticks) : TimeSpan.Zero;
            var selfBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await RunManyAsync(flow, count, concurrency, latencies);
            var seconds = clock.Elapsed.TotalSeconds;
            var serverCpu = serverPid > 0 ? ProcessCpu.Of(serverPid, ticks) - serverBefore : TimeSpan.Zero;
            var selfCpu = Process.GetCurrentProcess().TotalProcessorTime - selfBefore;
            Array.Sort(latencies);
            var (daemun, emulator) = flow.Requests;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{label}: {count} sign-ins in {seconds:F2} s = {count / seconds:F1} sign-ins/s, {concurrency} at once; flow p50 {Percentile(latencies, 0.50):F1} ms, " +
                $"p99 {Percentile(latencies, 0.99):F1} ms; server CPU {serverCpu.TotalMilliseconds / count:F1} ms per sign-in " +
                $"({serverCpu.TotalMilliseconds / 1000 / seconds:F2} cores busy), driver CPU {selfCpu.TotalMilliseconds / count:F1} ms per sign-in; " +
                $"{daemun} browser requests to Daemun + {emulator} to the emulator per sign-in");
            Console.WriteLine(line);
            // one machine-readable line for oidc.sh: label|rate|p50|p99|server ms|driver ms
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT|{label}|{count / seconds:F1}|{Percentile(latencies, 0.50):F1}|{Percentile(latencies, 0.99):F1}|{serverCpu.TotalMilliseconds / count:F1}|{selfCpu.TotalMilliseconds / count:F1}"));
            Console.WriteLine("  mean wall time of each request (driver's view):");
            Steps.Print();
            if (mode == "oidc")
            {
                Console.WriteLine($"  signing keys (JWKS): {await DescribeJwksAsync(baseUrl)}");
                if (SignInFlow.SampleCode is { } code) Console.WriteLine($"  authorization code: {DescribeCode(code)}");
            }
            return 0;
        }
        catch (FlowException e)
        {
            Console.WriteLine($"{label}: FLOW FAILED: {e.Message}");
            return 1;
        }
    }

    private static async Task RunManyAsync(SignInFlow flow, int count, int concurrency, double[]? latencies)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await flow.RunAsync(CancellationToken.None);
                if (latencies is not null) latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>What the app receives as a code: a compact JWE (its header) or an opaque reference (its length).</summary>
    private static string DescribeCode(string code)
    {
        var parts = code.Split('.');
        if (parts.Length != 5) return $"opaque, {code.Length} characters (a reference to the token kept in the store)";
        var header = Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(parts[0]));
        return $"JWE {header}, wrapped key {Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(parts[1]).Length} bytes";
    }

    /// <summary>The published keys: type, algorithm and size (RSA modulus bits, EC curve).</summary>
    private static async Task<string> DescribeJwksAsync(Uri baseUrl)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        using var jwks = JsonDocument.Parse(await http.GetStringAsync("/oidc/jwks"));
        return string.Join(", ", jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k =>
        {
            var kty = k.GetProperty("kty").GetString();
            var alg = k.TryGetProperty("alg", out var a) ? a.GetString() : "?";
            var size = kty == "RSA" ? $"{Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(k.GetProperty("n").GetString()!).Length * 8}-bit"
                : k.TryGetProperty("crv", out var crv) ? crv.GetString() : "?";
            return $"{kty} {alg} {size}";
        }));
    }
}

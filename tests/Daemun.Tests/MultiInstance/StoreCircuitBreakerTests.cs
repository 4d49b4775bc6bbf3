using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Daemun.Tests.MultiInstance;

/// <summary>Finding 10: a store that stops answering (PostgreSQL behind a black hole) or stays locked (SQLite) must not hold requests or flood
/// the log. Every request answers 503 <c>StoreUnavailable</c> within 2 s (the bound, measured from the client), the circuit breaker
/// then answers at once, the server recovers by itself when the store answers again, and the log has one line for the outage, one for the
/// recovery and at most one stack trace.</summary>
public sealed class StoreCircuitBreakerTests
{
    /// <summary>The bound for an answer while the store does not answer.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task When_PostgreSQL_stops_answering_requests_get_StoreUnavailable_within_2_s_and_the_server_recovers_by_itself()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await postgres.CreateDatabaseAsync("breaker");
        await using var proxy = new BlackholeProxy(postgres.Port);
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Store:Provider"] = "postgres",
            ["Daemun:Store:ConnectionString"] = $"Host=127.0.0.1;Port={proxy.Port};Username=daemun;Database=breaker",
            ["Daemun:Store:OperationTimeout"] = "00:00:01", // the default (the test site raises it for the other tests)
            ["Daemun:Store:BreakDuration"] = "00:00:02",
        });
        using var browser = site.NewBrowser();
        using (var first = await browser.SignInAsync("naver", "kim")) Assert.Null(TestBrowser.ErrorCodeOf(first));

        proxy.Blackhole();

        for (var i = 0; i < 8; i++) await AssertUnavailableQuicklyAsync(browser, $"request {i + 1}");
        // many at once: none waits behind the others
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => AssertUnavailableQuicklyAsync(browser, $"concurrent request {i + 1}")));
        var watch = Stopwatch.StartNew();
        using (var start = await browser.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", await browser.CsrfAsync())]))
        {
            Assert.True(watch.Elapsed < Bound, $"sign-in start took {watch.Elapsed}");
            Assert.Equal("StoreUnavailable", TestBrowser.ErrorCodeOf(start));
        }

        proxy.Restore();

        // no health probe, no restart: the breaker's own probe finds the store again
        var recovered = Stopwatch.StartNew();
        string? name = null;
        while (name is null && recovered.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await browser.GetAsync("/api/auth/session");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                name = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("user").GetProperty("name").GetString();
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                await Task.Delay(200);
            }
        }
        Assert.Equal("김민준", name);

        AssertOneOutageInTheLog(site.Logs);
    }

    [Fact]
    public async Task A_locked_SQLite_database_gets_StoreUnavailable_within_2_s_without_a_flood_and_recovers_when_the_lock_is_released()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Store:Provider"] = "sqlite", // always SQLite, whatever DAEMUN_TEST_STORE says
            ["Daemun:Store:OperationTimeout"] = "00:00:01",
            ["Daemun:Store:BreakDuration"] = "00:00:01",
        });
        using var browser = site.NewBrowser();
        var csrf = await browser.CsrfAsync();
        using (var ok = await browser.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", csrf)])) Assert.Null(TestBrowser.ErrorCodeOf(ok));

        await using (var holder = new SqliteConnection($"Data Source={site.DatabasePath};Pooling=False"))
        {
            holder.Open();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE"; // another process holds the write lock: every sign-in start's write waits on it
                begin.ExecuteNonQuery();
            }
            for (var i = 0; i < 10; i++)
            {
                var watch = Stopwatch.StartNew();
                using var start = await browser.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", csrf)]);
                Assert.True(watch.Elapsed < Bound, $"sign-in start {i + 1} took {watch.Elapsed}");
                Assert.Equal("StoreUnavailable", TestBrowser.ErrorCodeOf(start));
            }
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        var recovered = Stopwatch.StartNew();
        string? code = "StoreUnavailable";
        while (code == "StoreUnavailable" && recovered.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            using var start = await browser.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", csrf)]);
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            code = TestBrowser.ErrorCodeOf(start);
        }
        Assert.Null(code);

        AssertOneOutageInTheLog(site.Logs);
    }

    private static async Task AssertUnavailableQuicklyAsync(TestBrowser browser, string what)
    {
        var watch = Stopwatch.StartNew();
        using var response = await browser.GetAsync("/api/auth/session");
        var elapsed = watch.Elapsed;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("StoreUnavailable", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.True(elapsed < Bound, $"{what} took {elapsed}");
    }

    private static void AssertOneOutageInTheLog(LogSink logs)
    {
        var lines = logs.Lines;
        Assert.Single(lines, l => l.Contains("store is down", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("store is back", StringComparison.Ordinal));
        Assert.True(lines.Count(l => l.Contains("\n   at ", StringComparison.Ordinal)) <= 1, "more than one stack trace:\n" + logs.All);
        // before the breaker opens, each failed operation writes one line (no trace); a handful at most, never one per request of the outage
        var failures = lines.Count(l => l.Contains("Store operation", StringComparison.Ordinal));
        Assert.True(failures <= 10, $"{failures} failure lines:\n{logs.All}");
        Assert.DoesNotContain(lines, l => l.Contains("Unexpected failure", StringComparison.Ordinal));
    }
}

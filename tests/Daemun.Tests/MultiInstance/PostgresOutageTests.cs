using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Npgsql;

namespace Daemun.Tests.MultiInstance;

/// <summary>A site on PostgreSQL whose database goes down mid-run and comes back: clear 503s while it is down, never a hang or a 500,
/// nothing half-written, and service again without restarting Daemun.</summary>
public sealed class PostgresOutageTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task While_PostgreSQL_is_down_every_endpoint_answers_StoreUnavailable_quickly_and_it_recovers_without_a_restart()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("outage");
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Store:Provider"] = "postgres",
            ["Daemun:Store:ConnectionString"] = connectionString,
        });
        using var signedIn = site.NewBrowser();
        using (var first = await signedIn.SignInAsync("naver", "kim")) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var midway = site.NewBrowser(); // consented at the provider; its callback arrives during the outage
        var callback = await midway.ConsentAsync(await midway.StartAsync("naver"), "lee");

        await CheckpointAsync(connectionString); // the test server runs with synchronous_commit=off: make what was committed survive the crash
        await postgres.StopServerAsync();

        using (var session = await Timed(() => signedIn.GetAsync("/api/auth/session")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, session.StatusCode);
            Assert.Equal("StoreUnavailable", JsonDocument.Parse(await session.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
        using (var health = await Timed(() => signedIn.GetAsync("/healthz")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("StoreUnavailable", body.GetProperty("error").GetString());
        }
        using (var failed = await Timed(() => midway.GetAsync(callback)))
        {
            Assert.Equal("StoreUnavailable", TestBrowser.ErrorCodeOf(failed));
            using var page = await midway.GetAsync(failed.Headers.Location!.ToString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        }
        // the app's own pages: a protected API answers 503 (not 401, not 500); a protected page sends browsers to the error page
        using (var me = await Timed(() => signedIn.GetAsync("/me")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, me.StatusCode);
            Assert.Equal("StoreUnavailable", JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
        using (var request = new HttpRequestMessage(HttpMethod.Get, signedIn.Url("/me")))
        {
            request.Headers.Accept.ParseAdd("text/html");
            using var page = await Timed(() => signedIn.SendAsync(request));
            Assert.Equal("StoreUnavailable", TestBrowser.ErrorCodeOf(page));
        }
        using (var home = await Timed(() => signedIn.GetAsync("/"))) Assert.True((int)home.StatusCode < 500, $"home: {(int)home.StatusCode}");
        using (var start = await Timed(() => midway.GetAsync("/api/auth/signin"))) Assert.True((int)start.StatusCode < 500 || start.StatusCode == HttpStatusCode.ServiceUnavailable);

        await postgres.StartServerAsync();

        using (var health = await signedIn.GetAsync("/healthz")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("김민준", (await signedIn.SessionAsync()).GetProperty("user").GetProperty("name").GetString()); // the cookie survived the outage
        Assert.Equal(0, await CountAsync(connectionString, "accounts", "name = '이서연'")); // the failed callback left nothing behind
        Assert.Equal(0, await CountAsync(connectionString, "users", "name = '이서연'"));
        using (var again = await midway.SignInAsync("naver", "lee"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Null(TestBrowser.ErrorCodeOf(again));
        }
        Assert.Equal(1, await CountAsync(connectionString, "users", "name = '이서연'"));
    }

    [Fact]
    public async Task After_PostgreSQL_restarts_the_very_first_request_succeeds_although_every_pooled_connection_died()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("restart");
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Store:Provider"] = "postgres",
            ["Daemun:Store:ConnectionString"] = connectionString,
        });
        using var browser = site.NewBrowser();
        using (var first = await browser.SignInAsync("naver", "kim")) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => (await browser.GetAsync("/api/auth/session")).Dispose())); // several pooled connections
        await CheckpointAsync(connectionString);

        await postgres.StopServerAsync(); // no request while it is down: the pool still holds the dead connections
        await postgres.StartServerAsync();

        for (var i = 0; i < 5; i++)
        {
            using var session = await browser.GetAsync("/api/auth/session");
            Assert.True(session.StatusCode == HttpStatusCode.OK, $"request {i + 1} after the restart: {(int)session.StatusCode}");
        }
    }

    [Fact]
    public async Task When_PostgreSQL_stops_answering_without_refusing_requests_end_with_StoreUnavailable_instead_of_hanging()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await postgres.CreateDatabaseAsync("silent");
        await using var proxy = new BlackholeProxy(postgres.Port);
        // no Timeout or Command Timeout in the string: the dialect's defaults (3 s, 5 s) apply; a load balancer's probe must answer within 2 s
        var throughProxy = $"Host=127.0.0.1;Port={proxy.Port};Username=daemun;Database=silent";
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Store:Provider"] = "postgres",
            ["Daemun:Store:ConnectionString"] = throughProxy,
        });
        using var browser = site.NewBrowser();
        using (var first = await browser.SignInAsync("naver", "kim")) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        proxy.Blackhole();

        var watch = Stopwatch.StartNew();
        using (var session = await browser.GetAsync("/api/auth/session")) // a pooled connection whose query is never answered
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, session.StatusCode);
            Assert.Equal("StoreUnavailable", JsonDocument.Parse(await session.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
            // bounded by the dialect's default Command Timeout (5 s) plus Npgsql's cancellation of the timed-out query: ~11 s here
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"/session took {watch.Elapsed}");
        }
        watch.Restart();
        using var probe = new HttpClient(); // a load balancer's probe: no cookies
        using (var health = await probe.GetAsync($"{site.BaseUrl}/healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"/healthz took {watch.Elapsed}");
        }
    }

    private static async Task<HttpResponseMessage> Timed(Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        var response = await send();
        Assert.True(watch.Elapsed < Quick, $"{response.RequestMessage?.RequestUri?.AbsolutePath} took {watch.Elapsed}");
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return response;
    }

    private static async Task CheckpointAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false"); // the test's own pool would not survive the restart
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CHECKPOINT", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string table, string where)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false"); // the test's own pool would not survive the restart
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table} WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

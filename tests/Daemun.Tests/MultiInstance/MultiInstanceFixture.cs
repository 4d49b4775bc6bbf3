using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Daemun.Emulator;
using Daemun.Tests.Infrastructure;
using Npgsql;

namespace Daemun.Tests.MultiInstance;

/// <summary>One PostgreSQL, one provider emulator (in the test process) and two server processes A and B on that one database,
/// as two machines behind a load balancer would be. Naver (emulated) is the only provider.</summary>
public sealed class MultiInstanceFixture : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;
    public ProviderEmulator Emulator { get; private set; } = null!;
    public ServerProcess A { get; private set; } = null!;
    public ServerProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        ConnectionString = await Postgres.CreateDatabaseAsync("multi");
        Emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var settings = Settings(ConnectionString, Emulator);
        A = await ServerProcess.StartAsync(settings); // on a fresh database the first instance creates the schema and the first key
        B = await ServerProcess.StartAsync(settings);
    }

    /// <summary>The configuration every instance gets: the shared store and the emulated Naver as a real provider would be configured.</summary>
    public static Dictionary<string, string> Settings(string connectionString, ProviderEmulator emulator)
    {
        var naver = emulator.EndpointsFor("naver");
        var client = emulator.Client("naver");
        return new()
        {
            ["Daemun:Store:Provider"] = "postgres",
            ["Daemun:Store:ConnectionString"] = connectionString,
            ["Daemun:Providers:naver:Enabled"] = "true",
            ["Daemun:Providers:naver:ClientId"] = client.ClientId,
            ["Daemun:Providers:naver:ClientSecret"] = client.ClientSecret!,
            ["Daemun:Providers:naver:AuthorizationEndpoint"] = naver.AuthorizationEndpoint,
            ["Daemun:Providers:naver:TokenEndpoint"] = naver.TokenEndpoint,
            ["Daemun:Providers:naver:UserInfoEndpoint"] = naver.UserInfoEndpoint,
            ["Daemun:Providers:kakao:Enabled"] = "false",
            ["Daemun:Providers:google:Enabled"] = "false",
            ["Daemun:Providers:github:Enabled"] = "false",
            ["AllowedHosts"] = "127.0.0.1", // Production: the origin is not taken from any Host header (host filtering answers 400 to others)
            ["Daemun:Store:OperationTimeout"] = "00:00:10", // two servers and the tests on a loaded 2-core machine: no 503 for a slow answer
            ["Daemun:Store:TransactionTimeout"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Daemun"] = "Information",
        };
    }

    /// <summary>Runs a COUNT(*) on the shared database.</summary>
    public async Task<long> CountAsync(string table, string where = "1=1")
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {table} WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (Emulator is not null) await Emulator.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}

/// <summary>A browser that talks to several instances: one cookie jar (cookies are per host, not per port, so A's cookies reach B as they would
/// behind one origin), no automatic redirects.</summary>
public sealed partial class InstanceBrowser : IDisposable
{
    private readonly HttpClient _http;

    public InstanceBrowser()
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(url);

    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> form) => _http.PostAsync(url, new FormUrlEncodedContent(form));

    public async Task<string> CsrfAsync(string site)
    {
        using var response = await GetAsync($"{site}/api/auth/csrf");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("csrfToken").GetString()!;
    }

    /// <summary>POST /api/auth/signin/naver on <paramref name="site"/>; returns the provider's authorization URL.</summary>
    public async Task<string> StartAsync(string site, string callbackUrl = "/done")
    {
        using var response = await PostFormAsync($"{site}/api/auth/signin/naver", new Dictionary<string, string> { ["csrfToken"] = await CsrfAsync(site), ["callbackUrl"] = callbackUrl });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in start: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.ToString();
    }

    /// <summary>Answers the emulator's consent page; returns the callback URL the provider redirects to.</summary>
    public async Task<string> ConsentAsync(string authorizeUrl, string person)
    {
        using var page = await _http.GetAsync(authorizeUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"consent page: {(int)page.StatusCode} {html}");
        var form = new Dictionary<string, string> { ["request_id"] = RequestId().Match(html).Groups[1].Value, ["person"] = person, ["decision"] = "allow" };
        using var answer = await _http.PostAsync(new Uri(new Uri(authorizeUrl), WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value)), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!.ToString();
    }

    /// <summary>The same callback URL, sent to another instance (the load balancer chose another machine).</summary>
    public static string On(string site, string url)
    {
        var u = new Uri(url);
        return site + u.PathAndQuery;
    }

    /// <summary>Start on <paramref name="startOn"/>, consent, callback on <paramref name="callbackOn"/>; returns the callback's response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string startOn, string callbackOn, string person)
    {
        var callback = await ConsentAsync(await StartAsync(startOn), person);
        return await GetAsync(On(callbackOn, callback));
    }

    /// <summary>GET /api/auth/session on <paramref name="site"/> as JSON (asserting 200).</summary>
    public async Task<JsonElement> SessionAsync(string site)
    {
        using var response = await GetAsync($"{site}/api/auth/session");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"session: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public string? Cookie(string site, string name) => Cookies.GetCookies(new Uri(site)).FirstOrDefault(c => c.Name == name)?.Value;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"request_id\" value=\"([^\"]+)\"")]
    private static partial Regex RequestId();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}

using System.Net;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.Postgres;
using Daemun.Protocol;
using Daemun.Security;
using Daemun.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.MultiInstance;

/// <summary>Two server processes on one PostgreSQL behave as one site: the key ring, sessions and account rules are shared.</summary>
public sealed class MultiInstanceTests(MultiInstanceFixture f) : IClassFixture<MultiInstanceFixture>
{
    [Fact]
    public async Task Both_instances_report_healthy()
    {
        using var http = new HttpClient();
        foreach (var site in new[] { f.A.BaseUrl, f.B.BaseUrl })
        {
            using var response = await http.GetAsync($"{site}/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_sign_in_started_on_one_instance_completes_on_the_other()
    {
        using var browser = new InstanceBrowser();
        var callbackUrl = await browser.ConsentAsync(await browser.StartAsync(f.A.BaseUrl), "kim");
        var stateHash = RandomToken.Hash(StateOf(callbackUrl));
        Assert.Equal(1, await f.CountAsync("sign_in_requests", $"state_hash = '{stateHash}'")); // A put the sign-in into the shared table

        using var callback = await browser.GetAsync(InstanceBrowser.On(f.B.BaseUrl, callbackUrl));

        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"{(int)callback.StatusCode} {callback.Headers.Location} {f.B.Output}");
        Assert.Equal("/done", callback.Headers.Location!.ToString()); // B took it from there
        Assert.Equal(0, await f.CountAsync("sign_in_requests", $"state_hash = '{stateHash}'"));
        Assert.Equal("김민준", (await browser.SessionAsync(f.B.BaseUrl)).GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("김민준", (await browser.SessionAsync(f.A.BaseUrl)).GetProperty("user").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_browser_brings_the_other_instance_only_its_binding_and_without_the_shared_row_there_is_nothing_to_complete()
    {
        using var browser = new InstanceBrowser();
        var callbackUrl = await browser.ConsentAsync(await browser.StartAsync(f.A.BaseUrl), "lee");
        var stateHash = RandomToken.Hash(StateOf(callbackUrl));
        var binding = browser.Cookie(f.A.BaseUrl, "daemun.state");

        // the state cookie is 32 random bytes, no sealed material; the row knows it only by its hash
        Assert.Matches("^[A-Za-z0-9_-]{43}$", binding);
        Assert.Equal(1, await f.CountAsync("sign_in_requests", $"state_hash = '{stateHash}' AND browser_hash = '{RandomToken.Hash(binding!)}'"));
        await ExecuteAsync(f.ConnectionString, $"DELETE FROM sign_in_requests WHERE state_hash = '{stateHash}'");
        using var callback = await browser.GetAsync(InstanceBrowser.On(f.B.BaseUrl, callbackUrl));

        Assert.EndsWith("/api/auth/error?error=StateInvalid", callback.Headers.Location?.ToString() ?? $"{(int)callback.StatusCode}", StringComparison.Ordinal);
        Assert.False((await browser.SessionAsync(f.B.BaseUrl)).TryGetProperty("user", out _));
    }

    private static string StateOf(string callbackUrl) => QueryHelpers.ParseQuery(new Uri(callbackUrl).Query)["state"].ToString();

    [Fact]
    public async Task A_session_issued_by_one_instance_is_honoured_by_the_other_and_sign_out_on_one_revokes_it_on_both()
    {
        using var browser = new InstanceBrowser();
        using (var callback = await browser.SignInAsync(startOn: f.A.BaseUrl, callbackOn: f.A.BaseUrl, person: "lee"))
        {
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        }
        var token = browser.Cookie(f.A.BaseUrl, "daemun.session-token");
        Assert.NotNull(token);
        var onB = await browser.SessionAsync(f.B.BaseUrl);
        Assert.Equal("이서연", onB.GetProperty("user").GetProperty("name").GetString());

        using (var signOut = await browser.PostFormAsync($"{f.A.BaseUrl}/api/auth/signout", new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(f.A.BaseUrl) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        // the old cookie, replayed on B by someone who kept it: the row is gone, so B knows nobody
        using var replay = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{f.B.BaseUrl}/api/auth/session");
        request.Headers.Add("Cookie", $"daemun.session-token={token}");
        using var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await f.CountAsync("sessions", $"token_hash = '{RandomToken.Hash(token)}'"));
    }

    [Fact]
    public async Task Simultaneous_callbacks_for_the_same_new_account_on_two_instances_create_exactly_one_user()
    {
        foreach (var id in new[] { "race1", "race2", "race3", "race4", "race5" })
        {
            var person = new TestPerson { Id = id, Name = $"경주 {id}", Nickname = id, Email = $"{id}@example.com" };
            f.Emulator.People.Add(person);
            using var first = new InstanceBrowser();
            using var second = new InstanceBrowser();
            var callbackA = InstanceBrowser.On(f.A.BaseUrl, await first.ConsentAsync(await first.StartAsync(f.A.BaseUrl), id));
            var callbackB = InstanceBrowser.On(f.B.BaseUrl, await second.ConsentAsync(await second.StartAsync(f.B.BaseUrl), id));

            var responses = await Task.WhenAll(first.GetAsync(callbackA), second.GetAsync(callbackB));

            foreach (var r in responses)
            {
                Assert.True(r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() == "/done", $"{id}: {(int)r.StatusCode} {r.Headers.Location}");
                r.Dispose();
            }
            Assert.Equal(1, await f.CountAsync("accounts", $"provider = 'naver' AND provider_account_id = '{person.NaverId}'"));
            Assert.Equal(1, await f.CountAsync("users", $"email_normalized = '{id.ToUpperInvariant()}@EXAMPLE.COM'"));
            var userA = (await first.SessionAsync(f.A.BaseUrl)).GetProperty("user").GetProperty("id").GetString();
            var userB = (await second.SessionAsync(f.B.BaseUrl)).GetProperty("user").GetProperty("id").GetString();
            Assert.Equal(userA, userB);
        }
    }

    [Fact]
    public async Task A_state_cookie_sealed_before_a_key_rotation_still_opens_after_the_new_key_became_default()
    {
        var connectionString = await f.Postgres.CreateDatabaseAsync("keyring");
        await using var first = await InstanceAsync(connectionString);
        var state = new SignInState("naver", RandomToken.New(), null, null, "http://127.0.0.1/api/auth/callback/naver", "/", DateTimeOffset.UtcNow);
        var sealedBefore = first.GetRequiredService<SignInStateProtector>().Protect(state);
        var oldKey = KeyIdOf(sealedBefore);

        // another machine rotates. Data Protection creates a successor key ahead of time and makes it the default once it has had time to
        // reach every machine (its propagation window, 2 days): the new key is written as created 3 days ago, as if that time had passed
        await using (var rotating = await InstanceAsync(connectionString))
        {
            var newKey = rotating.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90)).KeyId;
            await ExecuteAsync(connectionString,
                $"UPDATE data_protection_keys SET xml = regexp_replace(xml, '<creationDate>[^<]*</creationDate>', '<creationDate>{DateTimeOffset.UtcNow.AddDays(-3):O}</creationDate>') WHERE xml LIKE '%{newKey}%'");
        }

        await using var later = await InstanceAsync(connectionString); // any instance reading the shared ring after the rotation
        var protector = later.GetRequiredService<SignInStateProtector>();
        Assert.NotEqual(oldKey, KeyIdOf(protector.Protect(state))); // the new key is the default now
        Assert.Equal(state, protector.Unprotect(sealedBefore)); // the old key is still in the shared ring: cookies sealed before still open
        Assert.Equal(2, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM data_protection_keys"));
    }

    private static async Task<ServiceProvider> InstanceAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDataProtection().SetApplicationName("Daemun");
        services.AddDaemun().UsePostgres(connectionString).PersistKeysToStore();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IStoreDatabase>().MigrateAsync(CancellationToken.None);
        return provider;
    }

    /// <summary>A Data Protection payload starts with a 4-byte magic header, then the id of the key that protected it.</summary>
    private static Guid KeyIdOf(string protectedValue) => new(WebEncoders.Base64UrlDecode(protectedValue).AsSpan(4, 16));

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}

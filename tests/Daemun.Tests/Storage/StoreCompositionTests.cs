using System.Net;
using Daemun.OpenIdProvider;
using Daemun.Providers;
using Daemun.Sqlite;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Daemun.Tests.Storage;

/// <summary>The store roles an app gets: with a database every role is one store behind one breaker; without one (<c>UseNoDatabase</c>) only
/// the roles that need no database are there, and start-up refuses what needs one.</summary>
public sealed class StoreCompositionTests
{
    private const string Sqlite = "Data Source=composition-never-opened.db";

    [Fact]
    public void WithADatabaseEveryRoleIsTheOneStoreBehindOneBreaker()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDaemun().UseSqlite(Sqlite);
        using var provider = services.BuildServiceProvider();

        var users = provider.GetRequiredService<IUserStore>();
        Assert.IsType<ResilientStore>(users);
        Assert.True(users.KeepsUsers);
        Assert.Same(users, provider.GetRequiredService<ISessionStore>());
        Assert.Same(users, provider.GetRequiredService<ISignInRequestStore>());
        Assert.Same(users, provider.GetRequiredService<IConsumedStateStore>());
        Assert.Same(users, provider.GetRequiredService<IRefreshLeaseStore>());
        Assert.Same(users, provider.GetRequiredService<IKeyRingStore>());
        Assert.Same(users, provider.GetRequiredService<IStoreDatabase>());
    }

    [Fact]
    public void WithoutADatabaseOnlyTheRolesThatNeedNoneAreThere()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDaemun().UseSqlite(Sqlite).UseNoDatabase(); // the last call decides, as before
        using var provider = services.BuildServiceProvider();

        Assert.False(provider.GetRequiredService<IUserStore>().KeepsUsers);
        Assert.IsType<MemoryConsumedStateStore>(provider.GetRequiredService<IConsumedStateStore>());
        Assert.Null(provider.GetService<ISessionStore>());
        Assert.Null(provider.GetService<ISignInRequestStore>());
        Assert.Null(provider.GetService<IRefreshLeaseStore>());
        Assert.Null(provider.GetService<IKeyRingStore>());
        Assert.Null(provider.GetService<IStoreDatabase>());
        Assert.Null(provider.GetService<ResilientStore>());
    }

    [Fact]
    public async Task WithoutADatabaseUsersAreNotKeptAndTheUserIdComesFromTheProviderAccount()
    {
        var users = new StatelessUserStore();

        var created = await users.InTransactionAsync(async tx =>
        {
            var id = tx.NewUserId("naver", "12345");
            await tx.InsertUserAsync(new UserRecord(id, "Kim", null, false, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
            return (Id: id, Found: await tx.FindUserAsync(id));
        }, CancellationToken.None);

        Assert.Equal(StatelessUserStore.UserId("naver", "12345"), created.Id);
        Assert.NotEqual(StatelessUserStore.UserId("naver", "12346"), created.Id);
        Assert.Null(created.Found);
        Assert.Null(await users.FindUserAsync(created.Id, CancellationToken.None));
        Assert.False(await users.RevokeSessionsAsync(created.Id, DateTimeOffset.UnixEpoch, CancellationToken.None));
    }

    [Fact]
    public async Task WithoutADatabaseAUsedStateIsRefusedUntilItExpires()
    {
        var states = new MemoryConsumedStateStore();
        var now = DateTimeOffset.UnixEpoch;

        Assert.True(await states.TryConsumeStateAsync("state", now.AddMinutes(15), now, CancellationToken.None));
        Assert.False(await states.TryConsumeStateAsync("state", now.AddMinutes(15), now.AddMinutes(1), CancellationToken.None));
        Assert.True(await states.TryConsumeStateAsync("other", now.AddMinutes(15), now, CancellationToken.None));
    }

    [Fact]
    public void WithoutAStoreCallTheFirstRoleAskedForSaysWhatToCall()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDaemun();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<DaemunConfigurationException>(() => provider.GetRequiredService<ISessionStore>());

        Assert.Equal("Daemun:Store", error.Key);
    }

    [Fact]
    public async Task KeysInTheStoreWithoutADatabaseStopStartUpNamingTheKey()
    {
        await using var withKeys = App(d => d.UseNoDatabase().PersistKeysToStore());
        await using var withoutKeys = App(d => d.UseNoDatabase());

        var error = Assert.Throws<DaemunConfigurationException>(() => withKeys.MapDaemun());

        Assert.Equal("Daemun:Store:Provider", error.Key);
        Assert.Contains("PersistKeysToStore", error.Message, StringComparison.Ordinal);
        withoutKeys.MapDaemun(); // the same app without the key ring in the store starts
    }

    [Fact]
    public async Task TheOpenIdProviderWithoutADatabaseStopsStartUpNamingTheKey()
    {
        await using var app = App(d => d.UseNoDatabase().AddOpenIdProvider());
        app.MapDaemun();

        var error = Assert.Throws<DaemunConfigurationException>(() => app.MapOpenIdProvider());

        Assert.Equal("Daemun:Store:Provider", error.Key);
    }

    [Fact]
    public async Task WithoutADatabaseTheHealthCheckIsHealthy()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Store:Provider"] = "none", ["Daemun:Session:Strategy"] = "Cookie" });
        using var browser = site.NewBrowser();

        using var health = await browser.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"healthy\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutADatabaseACookieSessionIsNotCheckedAgainstAUserRowThereIsNot()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Store:Provider"] = "none", ["Daemun:Session:Strategy"] = "Cookie" });
        using var browser = site.NewBrowser();
        (await browser.SignInAsync("naver", "kim")).Dispose();

        site.Clock.Advance(TimeSpan.FromMinutes(6)); // past Session:RevalidateEvery (5 minutes): with a database the user row would be read now
        var session = await browser.SessionAsync();

        Assert.True(session.TryGetProperty("user", out var user), $"signed out: {session}");
        Assert.Equal("김민준", user.GetProperty("name").GetString());
    }

    /// <summary>A production app with Cookie sessions, a fixed origin and no configuration files, composed by <paramref name="compose"/>; not started.</summary>
    private static WebApplication App(Action<DaemunBuilder> compose)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrelCore(); // a server to build with; never started
        builder.Services.AddRouting();
        compose(builder.Services.AddDaemun(o =>
        {
            o.BaseUrl = "https://app.example";
            o.Session.Strategy = SessionStrategy.Cookie;
        }));
        return builder.Build();
    }
}

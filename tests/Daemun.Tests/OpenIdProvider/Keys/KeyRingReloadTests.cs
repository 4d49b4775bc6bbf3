using Daemun.OpenIdProvider.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Daemun.Tests.OpenIdProvider.Keys;

/// <summary>The reloads that make instances converge (<see cref="KeyRingRefresher"/> on the manual clock): a rotation made by one instance
/// reaches another within a reload period; a reload that fails keeps the keys read before.</summary>
public sealed class KeyRingReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ARotationReachesAnotherInstanceAtItsNextReloadAndAFailedReloadKeepsTheKeysReadBefore()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var a = database.NewInstance().GetRequiredService<OpenIdKeyRing>();
        var bServices = database.NewInstance(new Dictionary<string, string?>
        {
            ["Daemun:OpenIdProvider:Keys:ReloadEvery"] = "00:05:00",
            ["Daemun:OpenIdProvider:Keys:RotateEvery"] = "365.00:00:00", // B's own schedule is not due: what it gets is A's rotation
        });
        var b = bServices.GetRequiredService<OpenIdKeyRing>();
        var refresher = bServices.GetServices<IHostedService>().OfType<KeyRingRefresher>().Single();
        await refresher.StartAsync(CancellationToken.None);
        try
        {
            database.Clock.Advance(TimeSpan.FromDays(90));
            await a.RefreshAsync(CancellationToken.None); // A rotates
            await WaitUntilAsync(() => b.Published.Count == 2, database);
            Assert.Equal(a.Published.Select(k => k.Id), b.Published.Select(k => k.Id));
            Assert.Equal(2, (await database.RowsAsync()).Count(r => r.Use == "sig"));

            // the store fails: the reload is logged, the keys stay
            var signer = b.Signer.Id;
            await ExecuteAsync(database, "ALTER TABLE oidc_keys RENAME TO oidc_keys_away");
            await WaitUntilAsync(() => database.Logs.All.Contains("Reloading the OpenID Provider keys failed", StringComparison.Ordinal), database);
            Assert.Equal(signer, b.Signer.Id);
            Assert.Equal(2, b.Published.Count);
            Assert.DoesNotContain("MII", database.Logs.All, StringComparison.Ordinal);
            await ExecuteAsync(database, "ALTER TABLE oidc_keys_away RENAME TO oidc_keys");
        }
        finally
        {
            await refresher.StopAsync(CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(KeyRingDatabase database, string sql)
    {
        await using var connection = database.Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Moves the manual clock a reload period at a time (the next reload is scheduled once the previous one is done, so one step
    /// may come before it) until <paramref name="condition"/> holds.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, KeyRingDatabase database)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the reload did not happen in time");
            database.Clock.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(50);
        }
    }
}

using System.Data.Common;
using Daemun.OpenIdProvider;
using Daemun.OpenIdProvider.Keys;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Tests.OpenIdProvider.Keys;

/// <summary>A migrated database of the run's store (<see cref="TestDatabase"/> on <see cref="TestSite.DefaultStore"/>), one Data Protection
/// key ring and one clock: each <see cref="NewInstance"/> is a service provider of its own over them, as another server process would be.</summary>
internal sealed class KeyRingDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly List<ServiceProvider> _instances = [];

    private KeyRingDatabase(TestDatabase database) => _database = database;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    public IDataProtectionProvider DataProtection => _database.DataProtection;
    public LogSink Logs { get; } = new();

    public static async Task<KeyRingDatabase> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync(name: "keys");
        try
        {
            await database.MigrateAsync();
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return new KeyRingDatabase(database);
    }

    /// <summary>A new instance: its own services, dialect and pool, the shared key ring (or <paramref name="dataProtection"/>) and clock.</summary>
    public IServiceProvider NewInstance(IDictionary<string, string?>? settings = null, IDataProtectionProvider? dataProtection = null,
        Action<IServiceCollection>? configure = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(dataProtection ?? DataProtection);
        services.AddSingleton<SqlDialect>(_ => _database.NewDialect()); // a factory: the provider disposes it (its pool) with the instance
        services.AddOptions<OpenIdProviderOptions>().Bind(config.GetSection("Daemun:OpenIdProvider"));
        services.AddDaemunKeyRing();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }

    /// <summary>The rows of <c>oidc_keys</c>, read outside Daemun.</summary>
    public async Task<List<StoredKey>> RowsAsync()
    {
        var rows = new List<StoredKey>();
        await _database.ReadAsync("SELECT id, use, algorithm, protected_material, created_at, signs_from, retires_at FROM oidc_keys ORDER BY created_at, id",
            reader => rows.Add(new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6))));
        return rows;
    }

    public DbConnection Open() => _database.Open();

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await _database.DisposeAsync();
    }
}

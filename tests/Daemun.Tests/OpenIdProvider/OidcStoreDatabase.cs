using System.Data.Common;
using Daemun.OpenIdProvider.Storage;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>One migrated Daemun database for a test class, on the store the run uses (<c>DAEMUN_TEST_STORE</c>; a <see cref="TestDatabase"/>),
/// and OpenIddict's core over it as a server instance would have it: <see cref="NewInstance"/> gives each "server" its own dialect
/// (connection pool) and service provider. Tests use distinct client ids and subjects, so they share the database.</summary>
public sealed class OidcStoreDatabase : IAsyncLifetime
{
    private TestDatabase? _database;
    private readonly List<ServiceProvider> _instances = [];
    private readonly List<SqlDialect> _dialects = [];
    private ServiceProvider? _first, _second;

    public string Store { get; } = TestSite.DefaultStore;
    public string ConnectionString => Database.ConnectionString;
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));

    private TestDatabase Database => _database ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Store, "oidcstores");
        await _database.MigrateAsync();
    }

    /// <summary>The first of two server instances over the database.</summary>
    public ServiceProvider Server => _first ??= NewInstance();

    /// <summary>The second server instance: its own pool and OpenIddict caches.</summary>
    public ServiceProvider OtherServer => _second ??= NewInstance();

    /// <summary>A server instance: its own dialect and OpenIddict core with Daemun's stores. Disposed with the fixture.</summary>
    public ServiceProvider NewInstance()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(NewDialect());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddOpenIddict().AddCore(o => o.UseDaemunStores());
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        lock (_instances) _instances.Add(provider);
        return provider;
    }

    private SqlDialect NewDialect()
    {
        var dialect = Database.NewDialect();
        lock (_dialects) _dialects.Add(dialect);
        return dialect;
    }

    /// <summary>The first column of the first row of <paramref name="sql"/> (integers as long), read outside the stores.</summary>
    public Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters) => Database.ScalarAsync(sql, parameters);

    /// <summary>Calls <paramref name="row"/> for each row of <paramref name="sql"/>, read outside the stores.</summary>
    public Task ReadAsync(string sql, Action<DbDataReader> row) => Database.ReadAsync(sql, row);

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        foreach (var dialect in _dialects) if (dialect is IAsyncDisposable disposable) await disposable.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

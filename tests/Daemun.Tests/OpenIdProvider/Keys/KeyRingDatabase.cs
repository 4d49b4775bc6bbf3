using System.Data.Common;
using Daemun.OpenIdProvider;
using Daemun.OpenIdProvider.Keys;
using Daemun.Postgres;
using Daemun.Sqlite;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Tests.OpenIdProvider.Keys;

/// <summary>A migrated database of the run's store (<see cref="TestSite.DefaultStore"/>), one Data Protection key ring and one clock:
/// each <see cref="NewInstance"/> is a service provider of its own over them, as another server process would be.</summary>
internal sealed class KeyRingDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly List<ServiceProvider> _instances = [];

    private KeyRingDatabase(string store, string connectionString, string? directory) => (Store, ConnectionString, _directory) = (store, connectionString, directory);

    public string Store { get; }
    public string ConnectionString { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();
    public LogSink Logs { get; } = new();

    public static async Task<KeyRingDatabase> CreateAsync()
    {
        KeyRingDatabase database;
        if (TestSite.DefaultStore == "postgres")
        {
            database = new("postgres", await SharedPostgres.CreateDatabaseAsync("keys"), null);
        }
        else
        {
            var directory = Directory.CreateTempSubdirectory("daemun-keys-").FullName;
            database = new("sqlite", $"Data Source={Path.Combine(directory, "daemun.db")}", directory);
        }
        var dialect = database.Dialect();
        try
        {
            await new RelationalStore(dialect, database.DataProtection, NullLogger<RelationalStore>.Instance).MigrateAsync(CancellationToken.None);
        }
        finally
        {
            if (dialect is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
        return database;
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
        services.AddSingleton<SqlDialect>(_ => Dialect()); // a factory: the provider disposes it (its pool) with the instance
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
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, use, algorithm, protected_material, created_at, signs_from, retires_at FROM oidc_keys ORDER BY created_at, id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredKey>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6)));
        }
        return rows;
    }

    private SqlDialect Dialect() => Store == "postgres" ? new PostgresDialect(ConnectionString) : new SqliteDialect(ConnectionString);

    public DbConnection Open() => Store == "postgres"
        ? new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString())
        : new SqliteConnection(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        if (Store == "postgres")
        {
            var name = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database!;
            await (await SharedPostgres.GetAsync()).DropDatabaseAsync(name);
            return;
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory!, recursive: true); } catch (IOException) { }
    }
}

using System.Data.Common;
using Daemun.OpenIdProvider.Storage;
using Daemun.Postgres;
using Daemun.Sqlite;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>One migrated Daemun database for a test class, on the store the run uses (<c>DAEMUN_TEST_STORE</c>), and OpenIddict's core
/// over it as a server instance would have it: <see cref="NewInstance"/> gives each "server" its own dialect (connection pool) and
/// service provider. Tests use distinct client ids and subjects, so they share the database.</summary>
public sealed class OidcStoreDatabase : IAsyncLifetime
{
    private string? _directory;
    private readonly List<ServiceProvider> _instances = [];
    private readonly List<SqlDialect> _dialects = [];
    private ServiceProvider? _first, _second;

    public string Store { get; } = TestSite.DefaultStore;
    public string ConnectionString { get; private set; } = "";
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000));

    public async Task InitializeAsync()
    {
        if (Store == "postgres")
        {
            ConnectionString = await SharedPostgres.CreateDatabaseAsync("oidcstores");
        }
        else
        {
            _directory = Directory.CreateTempSubdirectory("daemun-oidc-stores-").FullName;
            ConnectionString = $"Data Source={Path.Combine(_directory, "daemun.db")}";
        }
        await new RelationalStore(NewDialect(), new EphemeralDataProtectionProvider(), NullLogger<RelationalStore>.Instance).MigrateAsync(CancellationToken.None);
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
        SqlDialect dialect = Store == "postgres" ? new PostgresDialect(ConnectionString) : new SqliteDialect(ConnectionString);
        lock (_dialects) _dialects.Add(dialect);
        return dialect;
    }

    /// <summary>The first column of the first row of <paramref name="sql"/> (integers as long), read outside the stores.</summary>
    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var result = await command.ExecuteScalarAsync();
        return result is int or short ? Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture) : result is DBNull ? null : result;
    }

    /// <summary>Calls <paramref name="row"/> for each row of <paramref name="sql"/>, read outside the stores.</summary>
    public async Task ReadAsync(string sql, Action<DbDataReader> row)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }

    private async Task<DbConnection> OpenAsync()
    {
        var connection = Store == "postgres"
            ? (DbConnection)new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString())
            : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        foreach (var dialect in _dialects) if (dialect is IAsyncDisposable disposable) await disposable.DisposeAsync();
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

using System.Data.Common;
using Daemun.Postgres;
using Daemun.Sqlite;
using Daemun.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Daemun.Tests.Infrastructure;

/// <summary>A fresh Daemun database for one test (or one test class), outside any server: a SQLite file in a temporary folder, or a new
/// database on the process's one PostgreSQL server (<see cref="SharedPostgres"/>). Deleted (dropped) on dispose. The store dialect tests,
/// the key-ring tests and the OpenIddict store tests build their store instances over it; it reads and writes rows outside Daemun.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;

    private TestDatabase(string store, string connectionString, string? directory) => (Store, ConnectionString, _directory) = (store, connectionString, directory);

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Store { get; }

    /// <summary>The connection string (SQLite or Npgsql).</summary>
    public string ConnectionString { get; }

    /// <summary>The Data Protection of the stores over this database: one ephemeral key ring, for this database only.</summary>
    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();

    /// <summary>An empty database on <paramref name="store"/> (<c>sqlite</c> or <c>postgres</c>; by default the run's,
    /// <see cref="TestSite.DefaultStore"/>). <paramref name="name"/> prefixes the PostgreSQL database's name and the SQLite file's folder.</summary>
    public static async Task<TestDatabase> CreateAsync(string? store = null, string name = "daemun")
    {
        store ??= TestSite.DefaultStore;
        if (store == "postgres") return new TestDatabase(store, await SharedPostgres.CreateDatabaseAsync(name), null);
        var directory = Directory.CreateTempSubdirectory($"daemun-{name}-").FullName;
        return new TestDatabase(store, $"Data Source={Path.Combine(directory, "daemun.db")}", directory);
    }

    /// <summary>A new dialect over the database, with its own connection pool, as another server process would have; the caller disposes
    /// it (a PostgreSQL dialect is <see cref="IAsyncDisposable"/>).</summary>
    public SqlDialect NewDialect() => Store == "postgres" ? new PostgresDialect(ConnectionString) : new SqliteDialect(ConnectionString);

    /// <summary>Applies Daemun's migrations, through a dialect of its own that is disposed afterwards.</summary>
    public async Task MigrateAsync()
    {
        var dialect = NewDialect();
        try
        {
            await new RelationalStore(dialect, DataProtection, NullLogger<RelationalStore>.Instance).MigrateAsync(CancellationToken.None);
        }
        finally
        {
            if (dialect is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }

    /// <summary>A new connection, not yet open, outside Daemun (SQLite: without Daemun's pragmas; PostgreSQL: without pooling).</summary>
    public DbConnection Open() => Store == "postgres"
        ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString())
        : new SqliteConnection(ConnectionString);

    /// <summary>The first column of the first row of <paramref name="sql"/> (null when there is none or it is NULL; integers as
    /// <see cref="long"/> on both stores), read outside Daemun.</summary>
    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await connection.OpenAsync();
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

    /// <summary>Every row of <paramref name="sql"/>, its values as the provider reads them (NULL as null), read outside Daemun.</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        var rows = new List<object?[]>();
        await ReadAsync(sql, reader =>
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        });
        return rows;
    }

    /// <summary>Calls <paramref name="row"/> for each row of <paramref name="sql"/>, read outside Daemun.</summary>
    public async Task ReadAsync(string sql, Action<DbDataReader> row)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }

    /// <summary>Drops the PostgreSQL database (closing what is still connected), or deletes the SQLite file's folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Store == "postgres")
        {
            await (await SharedPostgres.GetAsync()).DropDatabaseAsync(new NpgsqlConnectionStringBuilder(ConnectionString).Database!);
            return;
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory!, recursive: true); } catch (IOException) { }
    }
}

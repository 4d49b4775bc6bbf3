using System.Data.Common;
using Daemun.Storage;
using Npgsql;

namespace Daemun.Postgres;

/// <summary>PostgreSQL, for more than one machine: pooled connections from one data source, unique violations as SQLSTATE 23505,
/// migrations serialized across instances by an advisory lock.</summary>
public sealed class PostgresDialect : SqlDialect, IAsyncDisposable
{
    /// <summary>The advisory lock key that serializes migrations (arbitrary, stable: "daemun" in ASCII).</summary>
    private const long MigrationLockKey = 0x6461656d756e;
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the dialect for an Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).</summary>
    public PostgresDialect(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <inheritdoc/>
    public override string Name => "postgres";

    /// <inheritdoc/>
    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    /// <summary>A transaction-scoped advisory lock on the key's 64-bit hash. Under READ COMMITTED every statement sees what was committed
    /// before it began: without this, a sign-in could miss an account that a concurrent one for the same person was creating, then see that
    /// one's new user by email and refuse the account as not linked. (A hash collision only makes two sign-ins take turns.)</summary>
    public override async Task SerializeAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <inheritdoc/>
    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc/>
    public override async Task<IAsyncDisposable?> LockMigrationsAsync(DbConnection connection, CancellationToken ct)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_lock({MigrationLockKey})";
            await command.ExecuteNonQueryAsync(ct);
        }
        return new AdvisoryLock(connection);
    }

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pg_advisory_unlock({MigrationLockKey})";
            await command.ExecuteNonQueryAsync();
        }
    }
}

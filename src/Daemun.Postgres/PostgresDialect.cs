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

    /// <summary>Seconds to wait for a connection when the connection string does not say (Npgsql's default, 15, would hold every request
    /// for 15 s while the server is down; Daemun answers StoreUnavailable instead).</summary>
    public const int DefaultConnectTimeoutSeconds = 3;

    /// <summary>Seconds a command may run when the connection string does not say (Npgsql's default is 30). Daemun's queries are
    /// single-row lookups and writes; migrations set their own, longer timeout.</summary>
    public const int DefaultCommandTimeoutSeconds = 5;

    /// <summary>Milliseconds to wait for the server to confirm a cancelled query when the connection string does not say (Npgsql's default is
    /// 2 s): a server that stops answering is not asked twice as long; the connection is dropped instead.</summary>
    public const int DefaultCancellationTimeoutMilliseconds = 500;

    /// <summary>Creates the dialect for an Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).
    /// <c>Timeout</c> defaults to 3 s, <c>Command Timeout</c> to 5 s and <c>Cancellation Timeout</c> to 500 ms unless the string sets them.</summary>
    public PostgresDialect(string connectionString) => _dataSource = NpgsqlDataSource.Create(WithDefaults(connectionString));

    /// <summary>The connection string with Daemun's short timeouts filled in where it names none.</summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Has(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Has("Timeout", "Connect Timeout", "Connection Timeout")) builder.Timeout = DefaultConnectTimeoutSeconds;
        if (!Has("Command Timeout", "CommandTimeout")) builder.CommandTimeout = DefaultCommandTimeoutSeconds;
        if (!Has("Cancellation Timeout", "CancellationTimeout")) builder.CancellationTimeout = DefaultCancellationTimeoutMilliseconds;
        return builder.ConnectionString;
    }

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
    public override bool IsSerializationFailure(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    /// <inheritdoc/>
    public override async Task<IAsyncDisposable?> LockMigrationsAsync(DbConnection connection, CancellationToken ct)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_lock({MigrationLockKey})";
            command.CommandTimeout = 600; // another instance may be migrating: wait for it, not for the short query timeout
            await command.ExecuteNonQueryAsync(ct);
        }
        return new AdvisoryLock(connection);
    }

    /// <summary>The server closed the connection under us (restart, failover, admin shutdown): reading or writing the socket failed.</summary>
    public override bool IsBrokenConnection(DbException exception) =>
        exception is NpgsqlException { InnerException: IOException } or PostgresException { SqlState: PostgresErrorCodes.AdminShutdown };

    /// <inheritdoc/>
    public override void ForgetPooledConnections() => _dataSource.Clear();

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

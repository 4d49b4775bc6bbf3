using System.Data.Common;
using Daemun.Storage;
using Microsoft.Data.Sqlite;

namespace Daemun.Sqlite;

/// <summary>SQLite, the embedded default: one file, WAL journal, foreign keys on, writers queued with BEGIN IMMEDIATE.</summary>
public sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    /// <summary>Seconds a command waits on a locked (busy) database when the connection string does not say (<c>Default Timeout</c>).
    /// A request gives up earlier (<c>Daemun:Store:OperationTimeout</c>); this bounds the abandoned command. Migrations set their own.</summary>
    public const int DefaultTimeoutSeconds = 5;

    /// <summary>Creates the dialect for a connection string such as <c>Data Source=daemun.db</c>; the file's folder is created.</summary>
    public SqliteDialect(string connectionString)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, ForeignKeys = true };
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Default Timeout") && !given.ContainsKey("DefaultTimeout") && !given.ContainsKey("Command Timeout"))
        {
            builder.DefaultTimeout = DefaultTimeoutSeconds; // a busy (locked) database: give up after this, not after Microsoft.Data.Sqlite's 30 s
        }
        if (builder.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        _connectionString = builder.ToString();
    }

    /// <inheritdoc/>
    public override string Name => "sqlite";

    /// <inheritdoc/>
    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    /// <summary>WAL is a property of the database file: set once per store, not on every pooled connection.
    /// Foreign keys are on through the connection string; busy waits use the command timeout (Microsoft.Data.Sqlite retries).</summary>
    public override async Task PrepareAsync(DbConnection connection, CancellationToken ct)
    {
        if (Volatile.Read(ref _walSet)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(ct);
        Volatile.Write(ref _walSet, true);
    }

    private bool _walSet;

    /// <inheritdoc/>
    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc/>
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 } e && (e.SqliteExtendedErrorCode is 2067 or 1555);
}

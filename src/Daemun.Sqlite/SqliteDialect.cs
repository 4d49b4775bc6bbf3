using System.Data.Common;
using Daemun.Storage;
using Microsoft.Data.Sqlite;

namespace Daemun.Sqlite;

/// <summary>SQLite, the embedded default: one file, WAL journal, foreign keys on, writers queued with BEGIN IMMEDIATE.</summary>
public sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    /// <summary>Creates the dialect for a connection string such as <c>Data Source=daemun.db</c>; the file's folder is created.</summary>
    public SqliteDialect(string connectionString)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
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

    /// <inheritdoc/>
    public override async Task PrepareAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <inheritdoc/>
    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc/>
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 } e && (e.SqliteExtendedErrorCode is 2067 or 1555);
}

using System.Data.Common;

namespace Daemun.Storage;

/// <summary>What differs between relational databases; the queries themselves are shared by <see cref="RelationalStore"/>.</summary>
public abstract class SqlDialect
{
    /// <summary>A short name for logs (<c>sqlite</c>, <c>postgres</c>).</summary>
    public abstract string Name { get; }

    /// <summary>A new, unopened connection.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>Runs once on every opened connection (pragmas, session settings).</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Begins a transaction that will write (SQLite: BEGIN IMMEDIATE, so writers queue instead of deadlocking).</summary>
    public virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(ct);

    /// <summary>Makes concurrent write transactions about the same <paramref name="key"/> take turns until the calling one ends, so that
    /// what it reads next is what the previous one committed. Default: nothing — writers are already serialized (SQLite's BEGIN IMMEDIATE).</summary>
    public virtual Task SerializeAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken ct) => Task.CompletedTask;

    /// <summary>True when the exception is a unique-constraint violation.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>True when a concurrent transaction made this one fail and running it again will do (serialization failure, deadlock).</summary>
    public virtual bool IsSerializationFailure(DbException exception) => false;

    /// <summary>True when an established (pooled) connection turned out to be dead, e.g. the server restarted since it was opened:
    /// the operation is run once more on a new connection. Not for failures to connect.</summary>
    public virtual bool IsBrokenConnection(DbException exception) => false;

    /// <summary>Called after a connection failed (the server went away): drop pooled connections, which are likely dead too,
    /// so that the first request after the store is back gets a fresh one.</summary>
    public virtual void ForgetPooledConnections() { }

    /// <summary>Serializes concurrent migrations across processes; disposed when done. Default: the write transaction suffices.</summary>
    public virtual Task<IAsyncDisposable?> LockMigrationsAsync(DbConnection connection, CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>Runs <paramref name="work"/> on a new open, prepared connection — the one way Daemun's stores reach the database. A unique
    /// violation or serialization failure becomes <see cref="StoreConflictException"/>; a pooled connection that died with a server restart
    /// is replaced once (its transaction never committed); any other failure to reach the database becomes
    /// <see cref="StoreUnavailableException"/> (not logged here: the request path's breaker, <c>ResilientStore</c>, writes one line per outage).</summary>
    public async Task<T> RunAsync<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = CreateConnection();
                await connection.OpenAsync(ct);
                await PrepareAsync(connection, ct);
                return await work(connection);
            }
            catch (DbException e) when (IsUniqueViolation(e) || IsSerializationFailure(e))
            {
                throw new StoreConflictException($"{operation}: a concurrent writer got there first", e);
            }
            catch (DbException e) when (attempt == 1 && IsBrokenConnection(e))
            {
                ForgetPooledConnections();
            }
            catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException)
            {
                ForgetPooledConnections();
                throw new StoreUnavailableException($"{operation} failed in the {Name} store", e);
            }
        }
    }
}

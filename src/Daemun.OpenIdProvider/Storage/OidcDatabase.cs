using System.Data.Common;
using System.Runtime.CompilerServices;
using Daemun.Storage;
using Dapper;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>Runs the OpenIddict stores' SQL on Daemun's database the way <see cref="RelationalStore"/> does: a pooled connection per
/// operation, prepared by the dialect; a unique-key violation surfaces as <see cref="StoreConflictException"/>, a database that
/// does not answer as <see cref="StoreUnavailableException"/>. Lists are read in pages so that a long one is never held in memory.</summary>
internal sealed class OidcDatabase(SqlDialect dialect)
{
    /// <summary>How many rows one page of a listing reads.</summary>
    public const int PageSize = 100;

    public SqlDialect Dialect => dialect;

    /// <summary>Runs <paramref name="work"/> on an open connection.</summary>
    public Task<T> RunAsync<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken ct) => dialect.RunAsync(operation, work, ct);

    /// <summary>Runs <paramref name="work"/> in a write transaction, committed when it returns.</summary>
    public Task<T> WriteAsync<T>(string operation, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) => RunAsync(operation, async c =>
    {
        await using var tx = await dialect.BeginWriteAsync(c, ct);
        var result = await work(c, tx);
        await tx.CommitAsync(ct);
        return result;
    }, ct);

    /// <summary>Runs one statement; returns the number of rows it changed.</summary>
    public Task<int> ExecuteAsync(string operation, string sql, object? parameters, CancellationToken ct) =>
        RunAsync(operation, c => c.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct)), ct);

    /// <summary>The one row <paramref name="sql"/> selects, or null.</summary>
    public Task<T?> SingleAsync<T>(string operation, string sql, object? parameters, CancellationToken ct) =>
        RunAsync(operation, c => c.QuerySingleOrDefaultAsync<T?>(new CommandDefinition(sql, parameters, cancellationToken: ct)), ct);

    /// <summary>The rows of <c>SELECT {columns} FROM {table} WHERE {where}</c> in id order, read <see cref="PageSize"/> at a time
    /// (keyset paging on <c>id</c>; each page on a connection of its own, so that no connection stays open while the caller iterates).
    /// <paramref name="where"/> may use the parameters in <paramref name="parameters"/>; <paramref name="limit"/> and
    /// <paramref name="offset"/> bound the whole listing.</summary>
    public async IAsyncEnumerable<T> PagesAsync<T>(string operation, string columns, string table, string where, object? parameters,
        [EnumeratorCancellation] CancellationToken ct, int? limit = null, int? offset = null)
    {
        var after = (string?)null;
        var remaining = limit ?? int.MaxValue;
        var skip = offset ?? 0;
        while (remaining > 0)
        {
            var page = Math.Min(PageSize, remaining);
            var arguments = new DynamicParameters(parameters);
            if (after is not null) arguments.Add("oidc_after", after);
            arguments.Add("oidc_page", page);
            arguments.Add("oidc_skip", skip);
            var sql = $"SELECT {columns} FROM {table} WHERE ({where}){(after is null ? "" : " AND id > @oidc_after")} ORDER BY id LIMIT @oidc_page OFFSET @oidc_skip";
            var rows = await RunAsync(operation, async c => (await c.QueryAsync<T>(new CommandDefinition(sql, arguments, cancellationToken: ct))).AsList(), ct);
            foreach (var row in rows) yield return row;
            if (rows.Count < page) yield break;
            remaining -= rows.Count;
            skip = 0;
            after = IdOf(rows[^1]);
        }
    }

    private static string IdOf<T>(T row) => row switch
    {
        OidcApplication a => a.Id,
        OidcAuthorization a => a.Id,
        OidcScope s => s.Id,
        OidcToken t => t.Id,
        _ => throw new NotSupportedException($"{typeof(T).Name} has no id to page on"),
    };

    /// <summary>Unix milliseconds of a date, as stored.</summary>
    public static long? Ms(DateTimeOffset? date) => date?.ToUnixTimeMilliseconds();

    /// <summary>A stored date.</summary>
    public static DateTimeOffset? Date(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}

using System.Data.Common;
using Daemun.Storage;
using Dapper;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>Reads and writes <c>oidc_keys</c> (migration 7) through the store's <see cref="SqlDialect"/>. A change is decided and written in
/// one transaction that concurrent instances take in turns (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE), the decision made on
/// what the previous one committed: two instances starting at once, or rotating at once, end with one set of keys.</summary>
internal sealed class KeyTable(SqlDialect dialect)
{
    private const string Columns =
        "id AS Id, use AS Use, algorithm AS Algorithm, protected_material AS ProtectedMaterial, created_at AS CreatedAt, signs_from AS SignsFrom, retires_at AS RetiresAt";

    /// <summary>Every stored key.</summary>
    public Task<IReadOnlyList<StoredKey>> ReadAsync(CancellationToken ct) => Run("read", async c => await Read(c, null, ct), ct);

    /// <summary>Reads the keys under the lock, asks <paramref name="plan"/> what to change, writes it and commits. Returns the keys as they are
    /// after the change, and the change (empty when another instance had made it already).</summary>
    public Task<(IReadOnlyList<StoredKey> Keys, KeyChanges Applied)> UpdateAsync(Func<IReadOnlyList<StoredKey>, KeyChanges> plan, CancellationToken ct) =>
        Run("update", async c =>
        {
            await using var tx = await dialect.BeginWriteAsync(c, ct);
            await dialect.SerializeAsync(c, tx, "daemun.oidc_keys", ct);
            var keys = await Read(c, tx, ct);
            var changes = plan(keys);
            if (changes.IsEmpty) return (keys, changes);
            foreach (var key in changes.Inserts)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO oidc_keys (id, use, algorithm, protected_material, created_at, signs_from, retires_at) " +
                    "VALUES (@Id, @Use, @Algorithm, @ProtectedMaterial, @CreatedAt, @SignsFrom, @RetiresAt)", key, tx, cancellationToken: ct));
            }
            foreach (var (id, retiresAt) in changes.Retirements)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE oidc_keys SET retires_at = @retiresAt WHERE id = @id AND retires_at IS NULL", new { id, retiresAt }, tx, cancellationToken: ct));
            }
            foreach (var key in changes.Deletes)
            {
                await c.ExecuteAsync(new CommandDefinition("DELETE FROM oidc_keys WHERE id = @Id", new { key.Id }, tx, cancellationToken: ct));
            }
            var after = await Read(c, tx, ct);
            await tx.CommitAsync(ct);
            return (after, changes);
        }, ct);

    private static async Task<IReadOnlyList<StoredKey>> Read(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM oidc_keys", transaction: tx, cancellationToken: ct));
        return rows.Select(r => new StoredKey(r.Id, r.Use, r.Algorithm, r.ProtectedMaterial, r.CreatedAt, r.SignsFrom, r.RetiresAt)).ToList();
    }

    private async Task<T> Run<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var connection = dialect.CreateConnection();
            await connection.OpenAsync(ct);
            await dialect.PrepareAsync(connection, ct);
            return await work(connection);
        }
        catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StoreUnavailableException($"OpenID Provider keys: {operation} failed in the {dialect.Name} store", e);
        }
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Use { get; set; } = "";
        public string Algorithm { get; set; } = "";
        public string ProtectedMaterial { get; set; } = "";
        public long CreatedAt { get; set; }
        public long SignsFrom { get; set; }
        public long? RetiresAt { get; set; }
    }
}

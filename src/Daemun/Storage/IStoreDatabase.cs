namespace Daemun.Storage;

/// <summary>The database itself: its schema, and whether it answers. Registered only when there is one (<c>UseSqlite</c>, <c>UsePostgres</c>):
/// its absence is how start-up and the health check know that the app runs without a database (<c>UseNoDatabase</c>).</summary>
public interface IStoreDatabase
{
    /// <summary>Creates or upgrades the schema to the latest version.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>Answers a trivial query (<c>SELECT 1</c>); throws <see cref="StoreUnavailableException"/> when the store does not.</summary>
    Task CheckAsync(CancellationToken ct);
}

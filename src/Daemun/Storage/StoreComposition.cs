using Daemun.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Daemun.Storage;

/// <summary>Which store roles an app has. With a database (<c>UseSqlite</c>, <c>UsePostgres</c>) every role is the one
/// <see cref="RelationalStore"/> behind one <see cref="ResilientStore"/>. Without one (<c>UseNoDatabase</c>) only the roles that need no
/// database are registered — users that are not kept (<see cref="StatelessUserStore"/>) and used states in memory
/// (<see cref="MemoryConsumedStateStore"/>) — and the database-only roles are absent: code that needs one asks for it, and start-up refuses
/// what cannot work without it (Database sessions, <c>PersistKeysToStore()</c>, the OpenID Provider); the audit log is simply not written.</summary>
internal static class StoreComposition
{
    /// <summary>The roles only a database has.</summary>
    private static readonly Type[] DatabaseOnly =
        [typeof(IStoreDatabase), typeof(ISessionStore), typeof(ISignInRequestStore), typeof(IRefreshLeaseStore), typeof(IKeyRingStore), typeof(IAuditStore)];

    /// <summary>The default: every role from the database the app configures (<see cref="SqlDialect"/>); resolving one without it says
    /// what to call.</summary>
    public static void AddDatabase(IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var dialect = sp.GetService<SqlDialect>() ?? throw new DaemunConfigurationException("Daemun:Store", "is not configured: call UseSqlite(…) on AddDaemun().");
            var relational = ActivatorUtilities.CreateInstance<RelationalStore>(sp, dialect);
            return ActivatorUtilities.CreateInstance<ResilientStore>(sp, relational, dialect.Name);
        });
        services.TryAddSingleton<IUserStore>(sp => sp.GetRequiredService<ResilientStore>());
        services.TryAddSingleton<IConsumedStateStore>(sp => sp.GetRequiredService<ResilientStore>());
        services.TryAddSingleton<IStoreDatabase>(sp => sp.GetRequiredService<ResilientStore>());
        services.TryAddSingleton<ISessionStore>(sp => sp.GetRequiredService<ResilientStore>());
        services.TryAddSingleton<ISignInRequestStore>(sp => sp.GetRequiredService<ResilientStore>());
        services.TryAddSingleton<IRefreshLeaseStore>(sp => sp.GetRequiredService<ResilientStore>());
        services.TryAddSingleton<IKeyRingStore>(sp => sp.GetRequiredService<ResilientStore>());
        services.TryAddSingleton<IAuditStore>(sp => sp.GetRequiredService<ResilientStore>());
    }

    /// <summary>No database: the database-only roles go, users are not kept and used states are remembered in memory.</summary>
    public static void UseNoDatabase(IServiceCollection services)
    {
        services.RemoveAll<ResilientStore>();
        foreach (var role in DatabaseOnly) services.RemoveAll(role);
        services.RemoveAll<IUserStore>();
        services.AddSingleton<IUserStore, StatelessUserStore>();
        services.RemoveAll<IConsumedStateStore>();
        services.AddSingleton<IConsumedStateStore, MemoryConsumedStateStore>();
    }
}

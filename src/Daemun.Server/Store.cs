using Daemun.Providers;
using Daemun.Postgres;
using Daemun.Sqlite;

namespace Daemun.Server;

/// <summary>Chooses the store from <c>Daemun:Store:Provider</c>: <c>sqlite</c> (default), <c>postgres</c>, or <c>none</c> (no database, Cookie sessions).</summary>
internal static class Store
{
    public static DaemunBuilder UseStore(this DaemunBuilder daemun, IConfiguration config)
    {
        var provider = config["Daemun:Store:Provider"] ?? "sqlite";
        var connectionString = config["Daemun:Store:ConnectionString"] ?? "Data Source=data/daemun.db";
        if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) && config["Daemun:Store:ConnectionString"] is null)
        {
            throw new DaemunConfigurationException("Daemun:Store:ConnectionString", "is required when Daemun:Store:Provider is postgres.");
        }
        return provider.ToLowerInvariant() switch
        {
            "sqlite" => daemun.UseSqlite(connectionString),
            "postgres" => daemun.UsePostgres(connectionString),
            "none" => daemun.UseNoDatabase(),
            _ => throw new DaemunConfigurationException("Daemun:Store:Provider", $"is '{provider}'; expected sqlite, postgres or none."),
        };
    }
}


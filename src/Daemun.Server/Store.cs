using Daemun.Providers;
using Daemun.Sqlite;

namespace Daemun.Server;

/// <summary>Chooses the store from <c>Daemun:Store:Provider</c>: <c>sqlite</c> (default) or <c>none</c> (no database, Cookie sessions).</summary>
internal static class Store
{
    public static DaemunBuilder UseStore(this DaemunBuilder daemun, IConfiguration config)
    {
        var provider = config["Daemun:Store:Provider"] ?? "sqlite";
        var connectionString = config["Daemun:Store:ConnectionString"] ?? "Data Source=data/daemun.db";
        return provider.ToLowerInvariant() switch
        {
            "sqlite" => daemun.UseSqlite(connectionString),
            "none" => daemun.UseNoDatabase(),
            _ => throw new DaemunConfigurationException("Daemun:Store:Provider", $"is '{provider}'; expected sqlite or none."),
        };
    }
}


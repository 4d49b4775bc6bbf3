namespace Daemun.Tests.Infrastructure;

/// <summary>One PostgreSQL server for the whole test process: started on first use, stopped when the process exits.
/// Every site and store test gets its own database on it.</summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The running server (started on first call).</summary>
    public static Task<PostgresServer> GetAsync() => Server.Value;

    /// <summary>A fresh, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "daemun")
    {
        var server = await GetAsync();
        return await server.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}");
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAndDeleteFromOwnProcess();
        return server;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Daemun.Tests.Infrastructure;

/// <summary>A real PostgreSQL server the tests start themselves: initdb into a temporary directory, pg_ctl on a free loopback port,
/// stopped and deleted on dispose. As root (CI), the server runs as the <c>postgres</c> system user, since PostgreSQL refuses root.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;

    private PostgresServer(string directory, string bin, int port) => (_directory, _bin, Port) = (directory, bin, port);

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string for a database on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=daemun;Database={database};Pooling=true;Timeout=5;Command Timeout=10";

    /// <summary>Finds PostgreSQL's binaries (Debian: /usr/lib/postgresql/{version}/bin), initializes a cluster and starts it.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL is not installed: ./test.sh installs Debian's postgresql package");
        var directory = Directory.CreateTempSubdirectory("daemun-pg-").FullName;
        var server = new PostgresServer(directory, bin, FreePort());
        if (Environment.UserName == "root") await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        await server.PgAsync("initdb", ["-D", server.Data, "-U", "daemun", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    private string Data => Path.Combine(_directory, "data");

    /// <summary>Starts (or restarts) the server process.</summary>
    public Task StartServerAsync() => PgAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "30", "-o",
        $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"]);

    /// <summary>Stops the server process (immediately, as a crash or an outage would).</summary>
    public Task StopServerAsync() => PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>Drops a database, closing whatever is still connected to it.</summary>
    public Task DropDatabaseAsync(string name) => AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopServerAsync(); } catch (InvalidOperationException) { }
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: true); // the postmaster's children may still be closing files after an immediate stop
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>For process exit: stops the server and deletes its folder from a shell of its own, which finishes the job even when the
    /// test host is killed right after its exit handlers started (as the test runner does).</summary>
    public void StopAndDeleteFromOwnProcess()
    {
        var stop = $"'{Path.Combine(_bin, "pg_ctl")}' -D '{Data}' -m immediate -w stop";
        if (Environment.UserName == "root") stop = $"runuser -u postgres -- {stop}";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{stop} >/dev/null 2>&1; rm -rf '{_directory}'");
        using var process = Process.Start(start)!;
        process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    private Task PgAsync(string tool, string[] args)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

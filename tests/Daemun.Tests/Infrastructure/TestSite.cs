using Daemun.Emulator;
using Daemun.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Daemun.Tests.Infrastructure;

/// <summary>The real server on a random loopback port, with its own SQLite file, a manual clock and an emulator — all real HTTP.</summary>
public sealed class TestSite : IAsyncDisposable
{
    /// <summary>RSA key generation costs ~1 s; every emulator of the run draws its (distinct) keys from this pool.</summary>
    public static readonly SigningKeyCache Keys = new();

    private readonly string _directory;
    private readonly bool _ownsEmulator;
    private readonly bool _ownsDirectory;

    private TestSite(ServerApp server, ProviderEmulator emulator, bool ownsEmulator, string directory, bool ownsDirectory, ManualClock clock, LogSink logs)
    {
        _ownsDirectory = ownsDirectory;
        Server = server;
        Emulator = emulator;
        _ownsEmulator = ownsEmulator;
        _directory = directory;
        Clock = clock;
        Logs = logs;
        var addresses = server.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
    }

    public ServerApp Server { get; }
    public ProviderEmulator Emulator { get; }
    public ManualClock Clock { get; }
    public LogSink Logs { get; }
    public string BaseUrl { get; }
    public string DatabasePath => Path.Combine(_directory, "daemun.db");

    /// <summary>Starts a site. <paramref name="settings"/> are configuration keys (as environment variables would give them, with ':').
    /// By default the four built-in providers are enabled without credentials, so they use the emulator.</summary>
    public static async Task<TestSite> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<EmulatorOptions>? emulatorOptions = null,
        ProviderEmulator? emulator = null,
        ManualClock? clock = null,
        bool builtIns = true,
        string? dataDirectory = null)
    {
        clock ??= new ManualClock();
        var directory = dataDirectory ?? Directory.CreateTempSubdirectory("daemun-test-").FullName;
        var owns = emulator is null;
        if (emulator is null)
        {
            var options = new EmulatorOptions { TimeProvider = clock, TimeoutFaultDelay = TimeSpan.FromSeconds(5), KeyCache = Keys };
            emulatorOptions?.Invoke(options);
            emulator = await ProviderEmulator.StartAsync(options);
        }
        var config = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Daemun:DataDirectory"] = directory,
            ["Daemun:Store:ConnectionString"] = $"Data Source={Path.Combine(directory, "daemun.db")}",
            ["Daemun:ProviderTimeout"] = "00:00:10", // generous on a loaded 2-core machine; the timeout tests set their own
        };
        if (builtIns)
        {
            foreach (var id in new[] { "naver", "kakao", "google", "github" }) config[$"Daemun:Providers:{id}:Enabled"] = "true";
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;

        var logs = new LogSink();
        var server = await ServerApp.CreateAsync(["--contentRoot", directory], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(logs);
            builder.Services.AddSingleton<TimeProvider>(clock);
        }, emulator);
        await server.App.StartAsync();
        return new TestSite(server, emulator, owns, directory, ownsDirectory: dataDirectory is null, clock, logs);
    }

    /// <summary>The folder with the SQLite file and the key ring; pass it as <c>dataDirectory</c> to start the site again on the same data.</summary>
    public string DataDirectory => _directory;

    /// <summary>A new browser: its own cookie jar, no automatic redirects.</summary>
    public TestBrowser NewBrowser() => new(this);

    /// <summary>Counts rows of a table in the site's real SQLite file.</summary>
    public long Count(string table, string where = "1=1")
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where}";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Reads one value from the site's SQLite file.</summary>
    public object? Scalar(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Runs a statement on the site's SQLite file (tests use it to set up failures).</summary>
    public void Execute(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.App.StopAsync();
        await Server.DisposeAsync();
        if (_ownsEmulator) await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}

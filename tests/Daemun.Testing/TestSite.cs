using Microsoft.Extensions.Time.Testing;
using Daemun.Emulator;
using Daemun.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Daemun.Tests.Infrastructure;

/// <summary>The real server on a random loopback port, with its own database, a manual clock and an emulator — all real HTTP.
/// The store is SQLite (a file in the site's folder) unless <c>DAEMUN_TEST_STORE=postgres</c>: then each site gets a fresh database
/// on the process's one PostgreSQL server (<see cref="SharedPostgres"/>).</summary>
public sealed class TestSite : IAsyncDisposable
{
    /// <summary>RSA key generation costs ~1 s; every emulator of the run draws its (distinct) keys from this pool.</summary>
    public static readonly SigningKeyCache Keys = new();

    private readonly string _directory;
    private readonly bool _ownsEmulator;
    private readonly bool _ownsDirectory;
    private readonly string? _postgresDatabase;

    private TestSite(ServerApp server, ProviderEmulator emulator, bool ownsEmulator, string directory, bool ownsDirectory, FakeTimeProvider clock, LogSink logs,
        string store, string connectionString, string? postgresDatabase)
    {
        _ownsDirectory = ownsDirectory;
        Store = store;
        ConnectionString = connectionString;
        _postgresDatabase = postgresDatabase;
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
    public FakeTimeProvider Clock { get; }
    public LogSink Logs { get; }
    public string BaseUrl { get; }
    public string DatabasePath => Path.Combine(_directory, "daemun.db");

    /// <summary>The store the tests run on: <c>sqlite</c> (default) or <c>postgres</c> (<c>DAEMUN_TEST_STORE=postgres</c>).</summary>
    public static string DefaultStore { get; } = Environment.GetEnvironmentVariable("DAEMUN_TEST_STORE") is { Length: > 0 } store
        ? store.Trim().ToLowerInvariant()
        : "sqlite";

    /// <summary>This site's store: <c>sqlite</c>, <c>postgres</c> or <c>none</c>; for the few tests whose SQL differs.</summary>
    public string Store { get; }

    /// <summary>The site's store connection string (SQLite or Npgsql).</summary>
    public string ConnectionString { get; }

    /// <summary>Starts a site. <paramref name="settings"/> are configuration keys (as environment variables would give them, with ':').
    /// By default the four built-in providers are enabled without credentials, so they use the emulator. The site runs in the Development
    /// environment unless <paramref name="environment"/> says otherwise (Production: no emulator unless opted in, BaseUrl or AllowedHosts required).</summary>
    public static async Task<TestSite> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<EmulatorOptions>? emulatorOptions = null,
        ProviderEmulator? emulator = null,
        FakeTimeProvider? clock = null,
        bool builtIns = true,
        string? dataDirectory = null,
        Action<IServiceCollection>? configureServices = null,
        string environment = "Development")
    {
        clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
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
            ["Daemun:Store:Provider"] = DefaultStore,
            ["Daemun:Store:ConnectionString"] = $"Data Source={Path.Combine(directory, "daemun.db")}",
            ["Daemun:ProviderTimeout"] = "00:00:10", // generous on a loaded 2-core machine; the timeout tests set their own
            ["Daemun:Store:OperationTimeout"] = "00:00:10", // the same; StoreCircuitBreakerTests use the default
            ["Daemun:Store:TransactionTimeout"] = "00:00:10",
            // every test signs in many times from 127.0.0.1: no throttling unless a test asks for it (RateLimitTests set small limits)
            ["Daemun:RateLimits:SignIn:PermitLimit"] = "0",
            ["Daemun:RateLimits:Callback:PermitLimit"] = "0",
            ["Daemun:RateLimits:NewUser:PermitLimit"] = "0",
        };
        if (builtIns)
        {
            foreach (var id in new[] { "naver", "kakao", "google", "github" }) config[$"Daemun:Providers:{id}:Enabled"] = "true";
        }
        var overridesStore = false;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            config[k] = v;
            overridesStore |= k.Equals("Daemun:Store:Provider", StringComparison.OrdinalIgnoreCase) || k.Equals("Daemun:Store:ConnectionString", StringComparison.OrdinalIgnoreCase);
        }
        var store = (config["Daemun:Store:Provider"] ?? "sqlite").ToLowerInvariant();
        string? postgresDatabase = null;
        if (store == "postgres" && !overridesStore)
        {
            (postgresDatabase, config["Daemun:Store:ConnectionString"]) = await PostgresDatabaseAsync(directory);
        }

        var logs = new LogSink();
        ServerApp server;
        try
        {
            server = await ServerApp.CreateAsync(["--contentRoot", directory, "--environment", environment], builder =>
            {
                builder.Configuration.AddInMemoryCollection(config);
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Debug);
                builder.Logging.AddProvider(logs);
                builder.Services.AddSingleton<TimeProvider>(clock);
                configureServices?.Invoke(builder.Services);
            }, emulator);
        }
        catch
        {
            // start-up refused (the tests of configuration errors): leave nothing behind
            if (owns) await emulator.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (dataDirectory is null)
            {
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            }
            throw;
        }
        await server.App.StartAsync();
        return new TestSite(server, emulator, owns, directory, ownsDirectory: dataDirectory is null, clock, logs,
            store, config["Daemun:Store:ConnectionString"]!, postgresDatabase);
    }

    /// <summary>A fresh database on the shared server; its name is kept in the data folder, so a site started again on that folder
    /// (a restart) finds the same data, as it would find the SQLite file.</summary>
    private static async Task<(string Name, string ConnectionString)> PostgresDatabaseAsync(string directory)
    {
        var server = await SharedPostgres.GetAsync();
        var marker = Path.Combine(directory, "postgres-database");
        if (File.Exists(marker))
        {
            var existing = (await File.ReadAllTextAsync(marker)).Trim();
            return (existing, server.ConnectionString(existing));
        }
        var name = $"site_{Guid.NewGuid():N}";
        var connectionString = await server.CreateDatabaseAsync(name);
        await File.WriteAllTextAsync(marker, name);
        return (name, connectionString);
    }

    /// <summary>The folder with the SQLite file and the key ring; pass it as <c>dataDirectory</c> to start the site again on the same data.</summary>
    public string DataDirectory => _directory;

    /// <summary>A new browser: its own cookie jar, no automatic redirects.</summary>
    public TestBrowser NewBrowser() => new(this);

    /// <summary>Counts rows of a table in the site's real database.</summary>
    public long Count(string table, string where = "1=1") => Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM {table} WHERE {where}"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads one value from the site's database. Integers come back as <see cref="long"/> on both stores
    /// (PostgreSQL's INTEGER columns are read as <see cref="int"/>; SQLite has only 64-bit integers).</summary>
    public object? Scalar(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() switch
        {
            DBNull => null,
            int i => (long)i,
            short i => (long)i,
            var value => value,
        };
    }

    /// <summary>Runs a statement on the site's database (tests use it to set up failures).</summary>
    public void Execute(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A new open connection to the site's database, outside Daemun (SQLite: without Daemun's pragmas).</summary>
    public System.Data.Common.DbConnection OpenDatabase()
    {
        System.Data.Common.DbConnection connection = Store == "postgres"
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString())
            : new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        return connection;
    }

    /// <summary>The files that hold the site's data at rest: the SQLite file with its journal, or (after a checkpoint) the PostgreSQL database's folder.</summary>
    public IReadOnlyList<string> DatabaseFiles()
    {
        if (Store != "postgres")
        {
            return Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, Path.GetFileName(DatabasePath) + "*");
        }
        Execute("CHECKPOINT");
        var folder = Path.Combine((string)Scalar("SHOW data_directory")!, "base", Convert.ToString(Scalar("SELECT oid FROM pg_database WHERE datname = current_database()"), System.Globalization.CultureInfo.InvariantCulture)!);
        return Directory.GetFiles(folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.App.StopAsync();
        await Server.DisposeAsync();
        if (_ownsEmulator) await Emulator.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null && _ownsDirectory) await (await SharedPostgres.GetAsync()).DropDatabaseAsync(_postgresDatabase);
        if (_ownsDirectory)
        {
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }
    }
}

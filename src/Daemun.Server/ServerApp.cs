using Daemun.OpenIdProvider;
using Daemun.Emulator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Daemun.Server;

/// <summary>The standalone server, composed from configuration: store, providers (emulated when they have no credentials), Daemun's endpoints and a home page.
/// Tests build it the same way, adding their own configuration, services and emulator.</summary>
public sealed class ServerApp : IAsyncDisposable
{
    private readonly DevelopmentEmulator? _emulator;

    private ServerApp(WebApplication app, DevelopmentEmulator? emulator) => (App, _emulator) = (app, emulator);

    /// <summary>The ASP.NET Core app.</summary>
    public WebApplication App { get; }

    /// <summary>Builds the server. <paramref name="customize"/> runs first (tests add configuration and a clock there);
    /// <paramref name="emulator"/> replaces the server's own emulator.</summary>
    public static async Task<ServerApp> CreateAsync(string[] args, Action<WebApplicationBuilder>? customize = null, ProviderEmulator? emulator = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // These framework lines print full URLs: the callback's code and state, the authorize URL's state and nonce. Never below Warning.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        // OpenIddict's information lines echo protocol requests; Daemun logs one line per refusal itself (OidcLog.Refused)
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
        customize?.Invoke(builder);
        var config = builder.Configuration;
        var environment = builder.Environment;
        // the emulator only in Development or on explicit opt-in; a test's emulator is used under the same rule
        DevelopmentEmulator? development = null;
        if (!DevelopmentEmulator.IsAllowed(environment, config)) DevelopmentEmulator.RequireCredentials(environment, config);
        else if (emulator is null) development = await DevelopmentEmulator.StartIfNeededAsync(config);
        else development = DevelopmentEmulator.Wrap(emulator, config);

        try
        {
            return new ServerApp(Compose(builder, development), development);
        }
        catch
        {
            if (development is not null) await development.DisposeAsync(); // start-up refused: stop the emulator it started
            throw;
        }
    }

    /// <summary>Store, key ring, Daemun and the pages; the configuration errors of start-up are thrown from here.</summary>
    private static WebApplication Compose(WebApplicationBuilder builder, DevelopmentEmulator? development)
    {
        var config = builder.Configuration;
        // One machine (sqlite): the key ring is a folder. Several machines (postgres): every instance reads the one key ring in the store.
        var sharedStore = string.Equals(config["Daemun:Store:Provider"], "postgres", StringComparison.OrdinalIgnoreCase);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Daemun");
        var keyFolder = Path.Combine(config["Daemun:DataDirectory"] ?? "data", "keys");
        if (!sharedStore) dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
        var keysProtected = KeyRingProtection.Apply(dataProtection, builder.Logging, config);
        var daemun = builder.Services.AddDaemun()
            .UseStore(config)
            .PostConfigureProviders(p => development?.Apply(p));
        // the identity server for other apps keeps apps, consents and tokens: only with a database
        var openIdProvider = !string.Equals(config["Daemun:Store:Provider"], "none", StringComparison.OrdinalIgnoreCase);
        if (openIdProvider) daemun.AddOpenIdProvider();
        if (sharedStore) daemun.PersistKeysToStore();

        var app = builder.Build();
        try
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnexpectedError, AllowStatusCode404Response = true });
            app.MapDaemun();
            if (openIdProvider) app.MapOpenIdProvider();
            app.MapDaemunHealth("/healthz");
            app.MapHomePages();
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Daemun.Server");
        development?.Announce(logger, builder.Environment);
        if (!keysProtected) KeyRingProtection.Unprotected(logger, sharedStore ? "the store's data_protection_keys table" : Path.GetFullPath(keyFolder));
        app.Lifetime.ApplicationStarted.Register(() => Banner.Ready(logger, string.Join(", ", app.Urls.Select(u => u.TrimEnd('/') + "/"))));
        return app;
    }

    /// <summary>Anything the app's own pages throw: the error page (or JSON), never a stack trace. The exception is logged by the middleware.</summary>
    private static Task UnexpectedError(HttpContext context)
    {
        if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            var basePath = context.RequestServices.GetRequiredService<IOptions<DaemunOptions>>().Value.BasePath;
            context.Response.Redirect($"{context.Request.PathBase}{basePath}/error?error=Default");
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new { error = "Default", message = "The request could not be completed." });
    }

    /// <summary>Stops the app and the emulator it owns.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}

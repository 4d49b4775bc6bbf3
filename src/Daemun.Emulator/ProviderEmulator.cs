using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Daemun.Emulator.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Daemun.Emulator;

/// <summary>A real HTTP server on 127.0.0.1 that imitates Naver, Kakao, Google, GitHub and a generic OIDC provider.</summary>
public sealed partial class ProviderEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorContext context;
    private readonly ConcurrentDictionary<string, ProviderBase> providers;
    private readonly ConcurrentBag<ProviderBase> replaced = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Lock requestsGate = new();
    private readonly ILogger logger;

    private ProviderEmulator(WebApplication app, EmulatorContext context, IEnumerable<ProviderBase> providers)
    {
        this.app = app;
        this.context = context;
        this.providers = new(providers.Select(p => KeyValuePair.Create(p.Id, p)), StringComparer.Ordinal);
        OAuth1 = new OAuth1Emulators(context);
        logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Daemun.Emulator");
        context.Stopping = stopping.Token;
    }

    /// <summary>The providers with a hand-written emulator: naver, kakao, google, github, oidc. Catalog providers are added with
    /// <see cref="AddCatalogProvider"/>.</summary>
    public static IReadOnlyList<string> ProviderIds { get; } = ["naver", "kakao", "google", "github", "oidc"];

    /// <summary>Root URL, e.g. http://127.0.0.1:51234/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Root URL without a trailing slash, e.g. http://127.0.0.1:51234.</summary>
    public string BaseAddress => context.BaseAddress;

    /// <summary>The options the emulator runs with (read per request).</summary>
    public EmulatorOptions Options => context.Options;

    /// <summary>The people offered on every consent page; thread-safe, tests may add their own.</summary>
    public IList<TestPerson> People => context.People;

    /// <summary>The OAuth 1.0a providers, served from their recorded shapes.</summary>
    public OAuth1Emulators OAuth1 { get; }

    /// <summary>Switches that make endpoints misbehave.</summary>
    public EmulatorFaults Faults => context.Faults;

    /// <summary>A snapshot of every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (requestsGate) return [.. requests]; }
    }

    /// <summary>Starts the emulator on http://127.0.0.1:{Port}.</summary>
    public static async Task<ProviderEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        var context = new EmulatorContext(options, new PersonList(TestPerson.Seeded), new EmulatorFaults());
        ProviderBase[] all = [new NaverEmulator(context), new KakaoEmulator(context), new GoogleEmulator(context), new GitHubEmulator(context), new OidcEmulator(context),
            new EntraEmulator(context), new AppleEmulator(context)]; // served at /entra/{tenant}/…, not a built-in of the development server

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ProviderEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(5));
        options.ConfigureLogging?.Invoke(builder.Logging);

        var app = builder.Build();
        var emulator = new ProviderEmulator(app, context, all);
        app.UseRouting();
        app.Use(emulator.RecordAndInjectFaultsAsync);
        foreach (var provider in all) provider.Map(app);
        emulator.OAuth1.Map(app);
        app.MapGet("/", emulator.IndexAsync);
        app.MapGet("/people/{**picture}", emulator.PictureAsync);

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        context.BaseAddress = address.TrimEnd('/');
        emulator.BaseUrl = new Uri(context.BaseAddress + "/");
        LogStarted(emulator.logger, context.BaseAddress);
        return emulator;
    }

    /// <summary>Serves a catalog provider that has a recorded response shape (<c>Catalog/Shapes/{id}.json</c>) and no hand-written emulator,
    /// under <c>{emulator}/{id}/…</c>, from now on; returns its endpoint URLs (its app: <see cref="Client"/>). Adding the same declaration
    /// again changes nothing; a different one for the same id replaces it. <paramref name="shape"/> stands in for the recorded one (tests).</summary>
    public ProviderEndpoints AddCatalogProvider(CatalogDeclaration declaration, ResponseShape? shape = null)
    {
        var id = declaration.Id;
        if (!CatalogId().IsMatch(id)) throw new ArgumentException($"'{id}' is not a provider id (lower-case letters, digits, '-', '_').", nameof(declaration));
        if (ProviderIds.Contains(id)) throw new ArgumentException($"'{id}' has a hand-written emulator; it is served already.", nameof(declaration));
        shape ??= ResponseShapes.Find(id) ?? throw new ArgumentException($"No response shape is recorded for '{id}' (Catalog/Shapes/{id}.json).", nameof(declaration));
        var served = providers.AddOrUpdate(id, _ => new CatalogEmulator(context, declaration, shape), (_, existing) =>
        {
            if (existing is CatalogEmulator same && same.Declaration == declaration && same.Shape == shape) return existing;
            replaced.Add(existing); // requests under way may still use it; disposed with the emulator
            return new CatalogEmulator(context, declaration, shape);
        });
        LogCatalogProvider(logger, id);
        return served.Endpoints;
    }

    /// <summary>The unlink API of a catalog provider added with <see cref="AddCatalogProvider"/>; null when its declaration has none.</summary>
    public string? CatalogUnlinkEndpoint(string provider) => (Provider(provider) as CatalogEmulator)?.UnlinkEndpoint;

    /// <summary>How many requests a provider's endpoint has received.</summary>
    public int CountRequests(string provider, EmulatorEndpoint endpoint)
    {
        lock (requestsGate) return requests.Count(r => r.Provider == provider && r.Endpoint == endpoint);
    }

    /// <summary>Makes a new RSA key (new kid) the provider's signing key; the JWKS keeps the previous key too.</summary>
    public void RotateSigningKey(string provider) =>
        (Provider(provider).Keys ?? throw new InvalidOperationException($"Provider '{provider}' does not sign id_tokens.")).Rotate();

    /// <summary>The app registered at the provider.</summary>
    public EmulatorClient Client(string provider) => Provider(provider).Client;

    /// <summary>Endpoint URLs of the provider, for the engine's configuration.</summary>
    public ProviderEndpoints EndpointsFor(string provider) => Provider(provider).Endpoints;

    /// <summary>Endpoint URLs of the OpenID Connect mode of naver (/naver/oauth2/…) or kakao; ArgumentException for other providers.</summary>
    public ProviderEndpoints OidcEndpointsFor(string provider) =>
        Provider(provider).OidcEndpoints ?? throw new ArgumentException($"Provider '{provider}' has no separate OpenID Connect mode (naver and kakao do).", nameof(provider));

    /// <summary>The person removed the app in the provider's own settings: every grant, code and token of theirs for the provider's client dies and the remembered consent is forgotten.</summary>
    public void Disconnect(string provider, string personId) => Provider(provider).Disconnect(personId);

    /// <summary>The unlink notification Naver would send for the person (naver.md §8), signed with the Naver client's secret; timestamp defaults to now.</summary>
    public NaverUnlinkNotification CreateNaverUnlinkNotification(string personId, DateTimeOffset? timestamp = null)
    {
        var person = context.People.Find(personId) ?? throw new ArgumentException($"Unknown person '{personId}'.", nameof(personId));
        var client = Client("naver");
        return NaverUnlinkNotification.Create(client.ClientId, client.ClientSecret, person.NaverId, timestamp ?? context.Now);
    }

    /// <summary>Disconnects the person from the Naver app, then POSTs the unlink notification form to <paramref name="url"/> and returns the response.</summary>
    public async Task<HttpResponseMessage> SendNaverUnlinkNotificationAsync(Uri url, string personId, CancellationToken ct = default)
    {
        var notification = CreateNaverUnlinkNotification(personId);
        Disconnect("naver", personId);
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(notification.Form);
        return await http.PostAsync(url, form, ct);
    }

    /// <summary>Stops the server and releases its keys.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var provider in providers.Values.Concat(replaced)) provider.Dispose();
        stopping.Dispose();
    }

    private ProviderBase Provider(string id) =>
        providers.TryGetValue(id, out var p) ? p
        : throw new ArgumentException($"Unknown provider '{id}'. Known: {string.Join(", ", providers.Keys)}.", nameof(id));

    private async Task RecordAndInjectFaultsAsync(HttpContext ctx, RequestDelegate next)
    {
        var catalog = ctx.GetEndpoint() is null ? FindCatalogEndpoint(ctx.Request.Path) : null;
        var route = ctx.GetEndpoint()?.Metadata.GetMetadata<EmulatorRoute>() ?? catalog?.Route;
        var provider = route?.Provider ?? FirstSegment(ctx.Request.Path);
        var endpoint = route?.Endpoint ?? EmulatorEndpoint.Other;
        await RecordAsync(ctx, provider, endpoint);

        var fault = route is null ? Fault.None : context.Faults.Get(provider, endpoint);
        if (fault != Fault.None)
        {
            LogFault(logger, fault, provider, endpoint);
            await FaultResponses.WriteAsync(ctx, provider, endpoint, fault, Options.TimeoutFaultDelay, stopping.Token);
            return;
        }
        if (catalog is not null) await CatalogEmulator.HandleAsync(ctx, catalog);
        else await next(ctx);
        if (logger.IsEnabled(LogLevel.Debug))
            LogRequest(logger, provider, endpoint, ctx.Request.Method, ctx.Request.Path.Value ?? "", ctx.Response.StatusCode);
    }

    private async Task RecordAsync(HttpContext ctx, string provider, EmulatorEndpoint endpoint)
    {
        IFormCollection form;
        try
        {
            form = await RequestParams.FormAsync(ctx);
        }
        catch (InvalidDataException)
        {
            form = FormCollection.Empty;
        }
        var fields = RequestParams.IsJson(ctx) && await RequestParams.JsonObjectAsync(ctx) is { } json // a JSON token request (Qiita, Notion)
            ? new Dictionary<string, string>(json, StringComparer.OrdinalIgnoreCase)
            : Flatten(form);
        var recorded = new RecordedRequest(
            provider, endpoint, ctx.Request.Method, ctx.Request.Path.Value ?? "",
            Flatten(ctx.Request.Query), fields, Flatten(ctx.Request.Headers), context.Now);
        lock (requestsGate) requests.Add(recorded);
    }

    /// <summary>A catalog provider's endpoint for a path no mapped route took; catalog providers are added while the emulator runs.</summary>
    private CatalogEndpoint? FindCatalogEndpoint(PathString path) =>
        providers.TryGetValue(FirstSegment(path), out var p) && p is CatalogEmulator catalog ? catalog.Find(path.Value ?? "") : null;

    private static Dictionary<string, string> Flatten(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values) =>
        values.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static string FirstSegment(PathString path) =>
        (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    private Task IndexAsync(HttpContext ctx)
    {
        var lines = providers.Values.Select(p => $"<li><strong>{p.Brand.Name}</strong> — client_id <code>{p.Client.ClientId}</code>, authorize <code>{p.Endpoints.AuthorizationEndpoint}</code></li>");
        var html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Daemun provider emulator</title></head><body>"
            + "<h1>Daemun provider emulator</h1><p>EMULATOR — not the real providers.</p><ul>" + string.Concat(lines) + "</ul></body></html>";
        return Reply.HtmlAsync(ctx, 200, html);
    }

    /// <summary>A person's picture when their <see cref="TestPerson.PictureUrl"/> is a path on the emulator: an SVG with their initial.</summary>
    private Task PictureAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        var person = context.People.Snapshot().FirstOrDefault(p => string.Equals(p.PictureUrl, path, StringComparison.Ordinal));
        if (person is null) return Reply.RawAsync(ctx, 404, "text/plain; charset=utf-8", "no such picture");
        ctx.Response.Headers.CacheControl = "public, max-age=3600";
        return Reply.RawAsync(ctx, 200, "image/svg+xml", Avatar.Svg(person));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider emulator listening on {BaseAddress}")]
    private static partial void LogStarted(ILogger logger, string baseAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} {Endpoint}: {Method} {Path} answered {Status}")]
    private static partial void LogRequest(ILogger logger, string provider, EmulatorEndpoint endpoint, string method, string path, int status);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex CatalogId();

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving catalog provider {Provider} from its recorded response shape")]
    private static partial void LogCatalogProvider(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Injected fault {Fault} at {Provider} {Endpoint}")]
    private static partial void LogFault(ILogger logger, Fault fault, string provider, EmulatorEndpoint endpoint);
}

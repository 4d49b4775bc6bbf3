using Daemun.Accounts;
using Daemun.Audit;
using Daemun.Endpoints;
using Daemun.Localization;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Sessions;
using Daemun.Storage;
using Daemun.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun;

/// <summary>Adds Daemun to an ASP.NET Core app.</summary>
public static class DaemunServiceCollectionExtensions
{
    /// <summary>Registers Daemun: options from the <c>Daemun</c> configuration section, then <paramref name="configure"/>.
    /// Add a store (<c>UseSqlite()</c>) and providers (<c>AddNaver()</c>…, or <c>Daemun:Providers</c> in configuration).</summary>
    public static DaemunBuilder AddDaemun(this IServiceCollection services, Action<DaemunOptions>? configure = null)
    {
        var builder = new DaemunBuilder(services);
        services.AddOptions<DaemunOptions>().BindConfiguration("Daemun");
        services.AddOptions<DaemunLanguageOptions>().BindConfiguration("Daemun");
        if (configure is not null) services.Configure(configure);

        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        // the HTTP client's own log lines are off for provider calls: their URLs can hold a secret (a GET token request's client secret, an
        // access token in a profile query), and its query redaction is a runtime default an app can switch off (DisableUriRedaction)
        services.AddHttpClient(ProviderHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        // discovered endpoints: the addresses connected to are checked (separate pools, so no connection is shared with configured URLs)
        services.TryAddSingleton<IProviderNetwork, SystemProviderNetwork>();
        foreach (var (name, allowLoopback) in new[] { (ProviderHttp.PublicClientName, false), (ProviderHttp.LoopbackClientName, true) })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseProxy = false, // the check is on the provider's addresses, not a proxy's
                ConnectCallback = new DiscoveredEndpointConnector(sp.GetRequiredService<IProviderNetwork>(), allowLoopback).ConnectAsync,
            }).RemoveAllLoggers();
        }

        services.AddSingleton(sp => new ProviderRegistry(builder.Registrations, sp.GetService<IConfiguration>(), builder.PostConfigure,
            sp.GetService<ILoggerFactory>()?.CreateLogger<ProviderRegistry>()));
        services.AddOptions<StoreResilienceOptions>().BindConfiguration("Daemun:Store");
        StoreComposition.AddDatabase(services);
        services.AddSingleton<ProviderHttp>();
        services.AddSingleton<Discovery>();
        services.AddSingleton<ClientSecrets>();
        services.AddSingleton<TokenClient>();
        services.AddSingleton<OAuth1Client>();
        services.AddSingleton<ProfileClient>();
        services.AddSingleton<GrantedItemsClient>();
        services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<ProviderHttp>();
            return new ProviderMetadata(source => new ProviderDocumentRetriever(http, source), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IdTokenValidator>();
        services.AddSingleton<SignInStateProtector>();
        services.AddSingleton<ISignInStates>(sp => sp.GetService<ISignInRequestStore>() is null
            ? ActivatorUtilities.CreateInstance<CookieSignInStates>(sp) // no database: the material stays in the encrypted cookie
            : ActivatorUtilities.CreateInstance<StoredSignInStates>(sp));
        services.AddSingleton<AccountResolver>();
        services.AddSingleton<SignInCompletion>();
        services.AddSingleton<PendingSignIns>();
        services.AddSingleton<AccountChoiceEndpoint>();
        services.AddSingleton<NewUserStep>();
        services.AddSingleton<ProviderTokenService>();
        services.AddSingleton<IProviderTokenService>(sp => sp.GetRequiredService<ProviderTokenService>());
        services.AddSingleton<ProviderLogout>();
        services.AddSingleton<AccountLinks>();
        services.AddSingleton<IDaemunAccounts>(sp => sp.GetRequiredService<AccountLinks>());
        services.AddSingleton<DaemunCookies>();
        services.AddSingleton<CsrfTokens>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<IDaemunSessions>(sp => sp.GetRequiredService<SessionService>());
        services.AddSingleton<Urls>();
        services.AddSingleton<Texts>();
        services.AddSingleton<RequestLanguage>();
        services.AddSingleton<Respond>();
        services.AddSingleton<SignInStarter>();
        services.AddSingleton<SignInEndpoint>();
        services.AddSingleton<CallbackEndpoint>();
        services.AddSingleton<SessionEndpoint>();
        services.AddSingleton<CsrfEndpoint>();
        services.AddSingleton<ProvidersEndpoint>();
        services.AddSingleton<SignOutEndpoint>();
        services.AddSingleton<AccountEndpoint>();
        services.AddSingleton<AccountPageEndpoint>();
        services.AddSingleton<ReauthenticateEndpoint>();
        services.AddSingleton<ConsentEndpoint>();
        services.AddSingleton<ErrorEndpoint>();
        services.AddSingleton<NewUserEndpoint>();
        services.AddSingleton<HealthEndpoint>();
        services.AddOptions<RateLimitOptions>().BindConfiguration("Daemun:RateLimits");
        services.AddSingleton<RateLimits>();
        services.AddOptions<UnlinkNotificationOptions>().BindConfiguration("Daemun:UnlinkNotifications");
        services.AddSingleton<UnlinkNotificationReplays>();
        services.AddSingleton<UnlinkNotificationEndpoint>();
        services.AddOptions<AuditOptions>().BindConfiguration("Daemun:Audit");
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<AuditPruning>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditPruning>());

        services.AddAuthentication(DaemunDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, DaemunAuthenticationHandler>(DaemunDefaults.Scheme, null);
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationHandler, RecentSignInHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, DaemunAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>Maps Daemun's endpoints under <c>Daemun:BasePath</c> (default <c>/api/auth</c>), validates the providers and migrates the store.
    /// Misconfiguration throws here, at start-up, naming the configuration key.</summary>
    public static RouteGroupBuilder MapDaemun(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DaemunOptions>>().Value;
        Validate(options);
        RequireTrustedOrigin(options, services);
        services.GetRequiredService<ProviderRegistry>();
        WarnAboutRecommendedModes(services);
        services.GetRequiredService<Texts>(); // Daemun:DefaultLanguage names a language there is a file for
        RequireDatabaseRoles(options, services);
        services.GetRequiredService<IOptions<AuditOptions>>().Value.Validate();
        services.GetService<IStoreDatabase>()?.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();

        var limits = services.GetRequiredService<RateLimits>(); // per-client limits (Daemun:RateLimits), applied by Daemun itself: no UseRateLimiter needed
        var g = app.MapGroup(options.BasePath);
        limits.Limit(g.MapGet("/signin", (HttpContext c, SignInEndpoint e) => e.PageAsync(c)), RateLimitGroup.SignIn, limits.StartsAutoLogin);
        limits.Limit(g.MapGet("/signup", (HttpContext c, SignInEndpoint e) => e.PageAsync(c, signUp: true)), RateLimitGroup.SignIn, limits.StartsAutoLogin);
        limits.Limit(g.MapPost("/signin/{provider}", (HttpContext c, string provider, SignInEndpoint e) => e.StartAsync(c, provider)).DisableAntiforgery(), RateLimitGroup.SignIn);
        g.MapGet("/signin-choice", (HttpContext c, AccountChoiceEndpoint e) => e.PageAsync(c));
        limits.Limit(g.MapPost("/signin-choice", (HttpContext c, AccountChoiceEndpoint e) => e.AnswerAsync(c)).DisableAntiforgery(), RateLimitGroup.Callback);
        limits.Limit(g.MapMethods("/callback/{provider}", [HttpMethods.Get, HttpMethods.Post], (HttpContext c, string provider, CallbackEndpoint e) => e.HandleAsync(c, provider)).DisableAntiforgery(), RateLimitGroup.Callback);
        g.MapGet("/session", (HttpContext c, SessionEndpoint e) => e.HandleAsync(c));
        g.MapGet("/csrf", (HttpContext c, CsrfEndpoint e) => e.Handle(c));
        g.MapGet("/providers", (HttpContext c, ProvidersEndpoint e) => e.Handle(c));
        g.MapGet("/signout", (HttpContext c, SignOutEndpoint e) => e.PageAsync(c));
        g.MapPost("/signout", (HttpContext c, SignOutEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        g.MapGet("/error", (HttpContext c, ErrorEndpoint e) => e.Handle(c));
        g.MapPost("/account/unlink/{provider}", (HttpContext c, string provider, AccountEndpoint e) => e.UnlinkAsync(c, provider)).DisableAntiforgery();
        g.MapGet("/account", (HttpContext c, AccountPageEndpoint e) => e.PageAsync(c));
        g.MapGet("/account/unlink/{provider}", (HttpContext c, string provider, AccountPageEndpoint e) => e.UnlinkPageAsync(c, provider));
        g.MapGet("/account/delete", (HttpContext c, AccountPageEndpoint e) => e.DeletePageAsync(c));
        g.MapPost("/account/delete", (HttpContext c, AccountEndpoint e) => e.DeleteAsync(c)).DisableAntiforgery();
        g.MapGet("/new-user", (HttpContext c, NewUserEndpoint e) => e.PageAsync(c));
        limits.Limit(g.MapPost("/new-user", (HttpContext c, NewUserEndpoint e) => e.SaveAsync(c)).DisableAntiforgery(), RateLimitGroup.NewUser);
        g.MapGet("/reauthenticate", (HttpContext c, ReauthenticateEndpoint e) => e.PageAsync(c));
        g.MapGet("/consent", (HttpContext c, ConsentEndpoint e) => e.PageAsync(c));
        g.MapUnlinkNotifications();
        return g;
    }

    /// <summary>Maps a health check for load balancers at <paramref name="pattern"/> (outside the base path): 200 <c>{"status":"healthy"}</c>
    /// when the store answers a trivial query within 2 seconds, otherwise 503 <c>{"status":"unhealthy","error":"StoreUnavailable"}</c>.</summary>
    public static RouteHandlerBuilder MapDaemunHealth(this IEndpointRouteBuilder app, string pattern = "/healthz") =>
        app.MapGet(pattern, (HttpContext c, HealthEndpoint e) => e.HandleAsync(c));

    /// <summary>One warning per real provider running a declaration that recommends another mode (Naver classic → <c>oidc</c>) when its
    /// <c>Mode</c> is not set: an operator who chose <c>classic</c> explicitly is not nagged, and nothing changes by itself on an upgrade.</summary>
    private static void WarnAboutRecommendedModes(IServiceProvider services)
    {
        var configuration = services.GetService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Daemun.Startup");
        foreach (var p in services.GetRequiredService<ProviderRegistry>().All)
        {
            var key = $"Daemun:Providers:{p.Id}:Mode";
            if (p.RecommendedMode is { } recommended && !p.IsEmulated && configuration?[key] is null)
            {
                Log.ModeRecommended(logger, p.Id, key, recommended.Mode, recommended.Reason);
            }
        }
    }

    private static void Validate(DaemunOptions o)
    {
        if (!o.BasePath.StartsWith('/') || o.BasePath.EndsWith('/') || o.BasePath.Contains("//", StringComparison.Ordinal))
        {
            throw new DaemunConfigurationException("Daemun:BasePath", $"must start with '/' and not end with '/' (got '{o.BasePath}').");
        }
        if (o.BaseUrl is { } baseUrl && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps)))
        {
            throw new DaemunConfigurationException("Daemun:BaseUrl", $"must be an absolute http(s) URL (got '{baseUrl}').");
        }
        if (o.Session.MaxAge <= TimeSpan.Zero) throw new DaemunConfigurationException("Daemun:Session:MaxAge", "must be positive.");
        if (o.Session.UpdateAge < TimeSpan.Zero) throw new DaemunConfigurationException("Daemun:Session:UpdateAge", "must not be negative.");
        if (o.Session.RevalidateEvery < TimeSpan.Zero) throw new DaemunConfigurationException("Daemun:Session:RevalidateEvery", "must not be negative.");
        if (o.StateLifetime <= TimeSpan.Zero) throw new DaemunConfigurationException("Daemun:StateLifetime", "must be positive.");
        if (o.ProviderTimeout <= TimeSpan.Zero) throw new DaemunConfigurationException("Daemun:ProviderTimeout", "must be positive.");
        if (o.RefreshTokensBefore < TimeSpan.Zero) throw new DaemunConfigurationException("Daemun:RefreshTokensBefore", "must not be negative.");
        if (o.MaxProviderResponseBytes <= 0) throw new DaemunConfigurationException("Daemun:MaxProviderResponseBytes", "must be positive.");
        if (o.MaxParameterLength <= 0) throw new DaemunConfigurationException("Daemun:MaxParameterLength", "must be positive.");
        ValidatePage("SignIn", o.Pages.SignIn, o.BasePath);
        ValidatePage("Error", o.Pages.Error, o.BasePath);
        ValidatePage("NewUser", o.Pages.NewUser, o.BasePath);
        ValidatePage("Account", o.Pages.Account, o.BasePath);
        if (o.LogoUrl is { } logo && !Urls.IsLocalPath(logo) && !(Uri.TryCreate(logo, UriKind.Absolute, out var l) && (l.Scheme == Uri.UriSchemeHttps || l.Scheme == Uri.UriSchemeHttp)))
        {
            throw new DaemunConfigurationException("Daemun:LogoUrl", $"must be a path on this site (/logo.svg) or an http(s) URL (got '{logo}').");
        }
        if (o.NewUser.Ask.FirstOrDefault(a => !NewUserStep.Fields.Contains(a)) is { } unknown)
        {
            throw new DaemunConfigurationException("Daemun:NewUser:Ask", $"may name only {string.Join(" and ", NewUserStep.Fields)} (got '{unknown}').");
        }
    }

    /// <summary>Outside Development the redirect URI and sign-out redirects must not come from the request's Host header: <c>Daemun:BaseUrl</c> fixes
    /// the origin, or host filtering (<c>AllowedHosts</c>, naming real hosts rather than <c>*</c>) refuses a request for any other host with 400.</summary>
    private static void RequireTrustedOrigin(DaemunOptions o, IServiceProvider services)
    {
        if (o.BaseUrl is not null || services.GetService<IHostEnvironment>() is not { } environment || environment.IsDevelopment()) return;
        var allowed = services.GetService<IOptions<HostFilteringOptions>>()?.Value.AllowedHosts ?? [];
        if (allowed.Count > 0 && !allowed.Any(h => string.IsNullOrWhiteSpace(h) || h.Trim() == "*")) return;
        throw new DaemunConfigurationException("Daemun:BaseUrl", $"is required outside Development (environment '{environment.EnvironmentName}') unless AllowedHosts " +
            $"names this site's host names (got '{string.Join(';', allowed)}'): without either, redirect URIs would be built from the request's Host header. " +
            "Set Daemun:BaseUrl=https://your.site, or AllowedHosts=your.site.");
    }

    /// <summary>What needs a store role that only a database has stops start-up without one (<see cref="DaemunBuilder.UseNoDatabase"/>).
    /// With a database this resolves the store, so that a missing <c>UseSqlite(…)</c> is reported here.</summary>
    private static void RequireDatabaseRoles(DaemunOptions o, IServiceProvider services)
    {
        services.GetRequiredService<IUserStore>();
        if (o.Session.Strategy == SessionStrategy.Database && services.GetService<ISessionStore>() is null)
        {
            throw new DaemunConfigurationException("Daemun:Session:Strategy", "must be Cookie when there is no database (Daemun:Store:Provider=none).");
        }
        if (services.GetService<IOptions<KeyManagementOptions>>()?.Value.XmlRepository is StoreXmlRepository && services.GetService<IKeyRingStore>() is null)
        {
            throw new DaemunConfigurationException("Daemun:Store:Provider", "must be a database (sqlite or postgres) to keep the Data Protection key ring in " +
                "(PersistKeysToStore()); without one persist the keys elsewhere, e.g. PersistKeysToFileSystem.");
        }
    }

    /// <summary>A replacement page is a path on this site outside Daemun's own (which would forward to itself).</summary>
    private static void ValidatePage(string name, string? path, string basePath)
    {
        if (path is null) return;
        if (!Urls.IsLocalPath(path) || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            throw new DaemunConfigurationException($"Daemun:Pages:{name}", $"must be a path on this site such as /login, without query (got '{path}').");
        }
        if (path.Equals(basePath, StringComparison.OrdinalIgnoreCase) || path.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase))
        {
            throw new DaemunConfigurationException($"Daemun:Pages:{name}", $"must be the app's own route, not under {basePath} (got '{path}').");
        }
    }
}

using Daemun.OpenIdProvider.Principals;
using Daemun.OpenIdProvider.Clients;
using Daemun.OpenIdProvider.Consent;
using Daemun.OpenIdProvider.Endpoints;
using Daemun.OpenIdProvider.Keys;
using Daemun.OpenIdProvider.Server;
using Daemun.OpenIdProvider.Storage;
using Daemun.Providers;
using Daemun.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Daemun.OpenIdProvider;

/// <summary>Makes a Daemun app an OpenID Provider: other apps sign people in through it (and through its providers) over OpenID Connect.</summary>
public static class OpenIdProviderServiceCollectionExtensions
{
    /// <summary>Adds the OpenID Provider (configuration section <c>Daemun:OpenIdProvider</c>, then <paramref name="configure"/>) on OpenIddict:
    /// authorization code with PKCE, refresh tokens (rotated on every use, a reused one revokes its chain), client credentials; its data in
    /// Daemun's store. Map the endpoints with <see cref="MapOpenIdProvider"/> after <c>MapDaemun()</c>.</summary>
    public static DaemunBuilder AddOpenIdProvider(this DaemunBuilder builder, Action<OpenIdProviderOptions>? configure = null)
    {
        var services = builder.Services;
        services.AddOptions<OpenIdProviderOptions>().BindConfiguration("Daemun:OpenIdProvider");
        if (configure is not null) services.Configure(configure);
        services.AddSingleton<IPostConfigureOptions<OpenIdProviderOptions>, ApiScopeNames>();

        services.AddOpenIddict()
            .AddCore(core => core.UseDaemunStores())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(OpenIdProviderPaths.Authorize)
                    .SetTokenEndpointUris(OpenIdProviderPaths.Token)
                    .SetUserInfoEndpointUris(OpenIdProviderPaths.UserInfo)
                    .SetRevocationEndpointUris(OpenIdProviderPaths.Revocation)
                    .SetIntrospectionEndpointUris(OpenIdProviderPaths.Introspection)
                    .SetEndSessionEndpointUris(OpenIdProviderPaths.EndSession)
                    .SetJsonWebKeySetEndpointUris(OpenIdProviderPaths.Jwks);
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                // access tokens are plain signed JWTs, so any API (JwtBearer) validates them against the JWKS
                server.DisableAccessTokenEncryption();
                // keys from Daemun's store: generated on first start, encrypted, shared by every instance, rotated (never a development certificate)
                server.UseDaemunKeys();
                server.AddEventHandler(TransportSecurity.Descriptor);
                server.AddEventHandler(ValidationErrorRedirect.Descriptor);
                server.AddEventHandler(RefusalLog<ApplyAuthorizationResponseContext>.Descriptor);
                server.AddEventHandler(RefusalLog<ApplyTokenResponseContext>.Descriptor);
                server.AddEventHandler(RefusalLog<ApplyUserInfoResponseContext>.Descriptor);
                server.AddEventHandler(RefusalLog<ApplyRevocationResponseContext>.Descriptor);
                server.AddEventHandler(RefusalLog<ApplyIntrospectionResponseContext>.Descriptor);
                server.AddEventHandler(RefusalLog<ApplyEndSessionResponseContext>.Descriptor);
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableErrorPassthrough()
                    // TransportSecurity applies the https rule, with the Development loopback exception
                    .DisableTransportSecurityRequirement();
            });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerOptionsSetup>();
        // OpenIddict's managers are scoped, so is what uses them
        services.AddSingleton<OidcClaims>();
        services.AddScoped<ClientDirectory>();
        services.AddScoped<ConfiguredClients>();
        services.AddConsent();
        services.AddSingleton<ConsentForm>();
        services.AddScoped<AuthorizeEndpoint>();
        services.AddScoped<TokenEndpoint>();
        services.AddScoped<UserInfoEndpoint>();
        services.AddScoped<EndSessionEndpoint>();
        services.AddSingleton<OidcPruning>();
        services.AddHostedService(sp => sp.GetRequiredService<OidcPruning>());
        return builder;
    }

    /// <summary>Maps the passthrough endpoints (OpenIddict answers discovery, JWKS, revocation and introspection itself) and writes the
    /// configured clients to the store. Call after <c>MapDaemun()</c>, which migrates the store. Misconfiguration throws here, naming the key.</summary>
    public static IEndpointRouteBuilder MapOpenIdProvider(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        if (services.GetService<IStoreDatabase>() is null)
        {
            throw new DaemunConfigurationException("Daemun:Store:Provider", "must be a database (sqlite or postgres) for the OpenID Provider: it keeps apps, consents and tokens.");
        }
        var options = services.GetRequiredService<IOptions<OpenIdProviderOptions>>().Value;
        _ = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue; // its mistakes at start-up, not at the first request
        ConfiguredClients.SynchronizeAsync(services.GetRequiredService<IServiceScopeFactory>(), options, ServerOptionsSetup.KnownScopes(options), CancellationToken.None)
            .GetAwaiter().GetResult();

        string[] getPost = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods("/" + OpenIdProviderPaths.Authorize, getPost, (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        app.MapPost("/" + OpenIdProviderPaths.Token, (HttpContext c, TokenEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        app.MapMethods("/" + OpenIdProviderPaths.UserInfo, getPost, (HttpContext c, UserInfoEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        app.MapMethods("/" + OpenIdProviderPaths.EndSession, getPost, (HttpContext c, EndSessionEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        ConsentRegistration.MapConnectedApps(app);
        return app;
    }
}

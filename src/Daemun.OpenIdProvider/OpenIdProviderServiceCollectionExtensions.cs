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
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Daemun.OpenIdProvider;

/// <summary>Makes a Daemun app an OpenID Provider: other apps sign people in through it (and through its providers) over OpenID Connect.</summary>
public static class OpenIdProviderServiceCollectionExtensions
{
    /// <summary>The protocol endpoints, under <c>/oidc/</c>; discovery at <c>/.well-known/openid-configuration</c>.</summary>
    public static class Paths
    {
        /// <summary>Authorization endpoint.</summary>
        public const string Authorize = "oidc/authorize";
        /// <summary>Token endpoint.</summary>
        public const string Token = "oidc/token";
        /// <summary>UserInfo endpoint.</summary>
        public const string UserInfo = "oidc/userinfo";
        /// <summary>Revocation endpoint (RFC 7009).</summary>
        public const string Revocation = "oidc/revoke";
        /// <summary>Introspection endpoint (RFC 7662).</summary>
        public const string Introspection = "oidc/introspect";
        /// <summary>End-session endpoint (RP-initiated logout).</summary>
        public const string EndSession = "oidc/logout";
        /// <summary>The signing keys (JWKS).</summary>
        public const string Jwks = "oidc/jwks";
    }

    /// <summary>Adds the OpenID Provider (configuration section <c>Daemun:OpenIdProvider</c>, then <paramref name="configure"/>) on OpenIddict:
    /// authorization code with PKCE, refresh tokens (rotated on every use, a reused one revokes its chain), client credentials; its data in
    /// Daemun's store. Map the endpoints with <see cref="MapOpenIdProvider"/> after <c>MapDaemun()</c>.</summary>
    public static DaemunBuilder AddOpenIdProvider(this DaemunBuilder builder, Action<OpenIdProviderOptions>? configure = null)
    {
        var services = builder.Services;
        services.AddOptions<OpenIdProviderOptions>().BindConfiguration("Daemun:OpenIdProvider");
        if (configure is not null) services.Configure(configure);

        services.AddOpenIddict()
            .AddCore(core => core.UseDaemunStores())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(Paths.Authorize)
                    .SetTokenEndpointUris(Paths.Token)
                    .SetUserInfoEndpointUris(Paths.UserInfo)
                    .SetRevocationEndpointUris(Paths.Revocation)
                    .SetIntrospectionEndpointUris(Paths.Introspection)
                    .SetEndSessionEndpointUris(Paths.EndSession)
                    .SetJsonWebKeySetEndpointUris(Paths.Jwks);
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                // access tokens are plain signed JWTs, so any API (JwtBearer) validates them against the JWKS
                server.DisableAccessTokenEncryption();
                // keys from Daemun's store: generated on first start, encrypted, shared by every instance, rotated (never a development certificate)
                server.UseDaemunKeys();
                server.AddEventHandler(TransportSecurity.Descriptor);
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
        if (services.GetRequiredService<IDaemunStore>() is NoDatabaseStore)
        {
            throw new DaemunConfigurationException("Daemun:Store:Provider", "must be a database (sqlite or postgres) for the OpenID Provider: it keeps apps, consents and tokens.");
        }
        var options = services.GetRequiredService<IOptions<OpenIdProviderOptions>>().Value;
        _ = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue; // its mistakes at start-up, not at the first request
        using (var scope = services.CreateScope()) // OpenIddict's managers are scoped
        {
            scope.ServiceProvider.GetRequiredService<ConfiguredClients>()
                .SynchronizeAsync(options, ServerOptionsSetup.KnownScopes(options), CancellationToken.None).GetAwaiter().GetResult();
        }

        string[] getPost = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods("/" + Paths.Authorize, getPost, (HttpContext c, AuthorizeEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        app.MapPost("/" + Paths.Token, (HttpContext c, TokenEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        app.MapMethods("/" + Paths.UserInfo, getPost, (HttpContext c, UserInfoEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        app.MapMethods("/" + Paths.EndSession, getPost, (HttpContext c, EndSessionEndpoint e) => e.HandleAsync(c)).DisableAntiforgery();
        ConsentRegistration.MapConnectedApps(app);
        return app;
    }
}

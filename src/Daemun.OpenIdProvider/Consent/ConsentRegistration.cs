using Daemun.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>Registers remembered consent and the account page's connected apps: <see cref="AddConsent"/> with the OpenID Provider's
/// services (after OpenIddict's core, whose managers <see cref="ConsentStore"/> uses), <see cref="MapConnectedApps"/> with its endpoints.</summary>
internal static class ConsentRegistration
{
    /// <summary><see cref="ConsentStore"/> (scoped, like OpenIddict's managers), the connected apps section of the account page and its endpoint.</summary>
    public static IServiceCollection AddConsent(this IServiceCollection services)
    {
        services.TryAddScoped<ConsentStore>();
        services.AddScoped<IAccountPageSection, ConnectedAppsSection>();
        services.TryAddSingleton<ConnectedAppsEndpoint>();
        return services;
    }

    /// <summary>Maps <c>POST {Daemun:BasePath}/account/connected-apps/{authorizationId}/revoke</c> (<see cref="ConnectedAppsEndpoint"/>).</summary>
    public static void MapConnectedApps(IEndpointRouteBuilder app)
    {
        var basePath = app.ServiceProvider.GetRequiredService<IOptions<DaemunOptions>>().Value.BasePath;
        app.MapPost(basePath + ConnectedAppsEndpoint.Route,
                (HttpContext c, string authorizationId, ConnectedAppsEndpoint e, ConsentStore consents) => e.RevokeAsync(c, authorizationId, consents))
            .DisableAntiforgery();
    }
}

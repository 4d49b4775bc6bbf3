using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary>Maps the unlink notification receiver, checking its settings first.</summary>
internal static class UnlinkNotificationRoutes
{
    public static RouteHandlerBuilder MapUnlinkNotifications(this RouteGroupBuilder group)
    {
        ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<UnlinkNotificationOptions>>().Value.Validate();
        return group.MapPost("/unlink-notification/{provider}", (HttpContext c, string provider, UnlinkNotificationEndpoint e) => e.HandleAsync(c, provider))
            .DisableAntiforgery();
    }
}

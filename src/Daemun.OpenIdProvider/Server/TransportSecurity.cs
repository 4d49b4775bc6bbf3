using System.Net;
using Daemun.OpenIdProvider.Logging;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Daemun.OpenIdProvider.Server;

/// <summary>https for every protocol request, except plain http between loopback addresses in the Development environment (so a newcomer's
/// <c>dotnet run</c> and the tests work). Replaces OpenIddict's all-or-nothing check.</summary>
internal sealed class TransportSecurity(IHostEnvironment environment, ILogger<TransportSecurity> logger) : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<TransportSecurity>()
        .SetOrder(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers.ValidateTransportSecurityRequirement.Descriptor.Order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        // every request passes here; only the protocol's endpoints are ours to refuse
        if (context.EndpointType == OpenIddictServerEndpointType.Unknown || request is null || request.IsHttps) return default;
        var connection = request.HttpContext.Connection;
        var loopback = connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            && (connection.LocalIpAddress is null || IPAddress.IsLoopback(connection.LocalIpAddress));
        if (environment.IsDevelopment() && loopback) return default;
        OidcLog.InsecureTransport(logger, context.EndpointType.ToString());
        context.Reject(OidcErrors.InvalidRequest, "This server accepts OpenID Connect requests over https only.");
        return default;
    }
}

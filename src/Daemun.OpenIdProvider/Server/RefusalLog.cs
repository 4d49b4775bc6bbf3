using Daemun.OpenIdProvider.Logging;
using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Daemun.OpenIdProvider.Server;

/// <summary>One log line per refused protocol request: endpoint, error code, OpenIddict's description and the client id — never a token,
/// code or secret. (OpenIddict's own lines are filtered below Warning by the server.)</summary>
internal sealed class RefusalLog<TContext>(ILogger<RefusalLog<TContext>> logger) : IOpenIddictServerHandler<TContext> where TContext : BaseRequestContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
        .UseSingletonHandler<RefusalLog<TContext>>()
        .SetOrder(int.MinValue + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.Response is { Error: { Length: > 0 } error } response)
        {
            OidcLog.Refused(logger, context.EndpointType.ToString(), error, response.ErrorDescription, context.Transaction.Request?.ClientId);
        }
        return default;
    }
}

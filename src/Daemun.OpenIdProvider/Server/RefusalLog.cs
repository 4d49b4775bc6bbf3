using Daemun.OpenIdProvider.Logging;
using Microsoft.Extensions.Logging;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Daemun.OpenIdProvider.Server;

/// <summary>One log line per refused protocol request: endpoint, error code, OpenIddict's description and the client id — never a token,
/// code or secret. (OpenIddict's own lines are filtered below Warning by the server.) It runs after OpenIddict's own handlers adjusted the
/// error (at the token endpoint <c>invalid_token</c> becomes <c>invalid_grant</c>) and before the HTTP response is written, so the line names
/// the error the client receives.</summary>
internal sealed class RefusalLog<TContext>(ILogger<RefusalLog<TContext>> logger) : IOpenIddictServerHandler<TContext> where TContext : BaseRequestContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
        .UseSingletonHandler<RefusalLog<TContext>>()
        .SetOrder(99_000)
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

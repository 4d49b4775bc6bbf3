using Daemun.Errors;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;

namespace Daemun.Endpoints;

/// <summary><c>GET /healthz</c> (for load balancers): <c>{"status":"healthy"}</c> when the store answers a trivial query within 2 seconds,
/// otherwise 503 <c>{"status":"unhealthy","error":"StoreUnavailable"}</c>. It never waits longer than that. Without a database there is
/// nothing to ask: healthy.</summary>
internal sealed class HealthEndpoint(IStoreDatabase? database = null)
{
    /// <summary>How long the store may take to answer.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (database is null) return Results.Json(new { status = "healthy" });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(Limit);
        try
        {
            // WaitAsync bounds the wait even if a driver ignores the token
            await database.CheckAsync(timeout.Token).WaitAsync(Limit + TimeSpan.FromMilliseconds(500), context.RequestAborted);
            return Results.Json(new { status = "healthy" });
        }
        catch (Exception e) when (e is StoreUnavailableException or TimeoutException
            || (e is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            return Results.Json(new { status = "unhealthy", error = nameof(ErrorCode.StoreUnavailable) }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

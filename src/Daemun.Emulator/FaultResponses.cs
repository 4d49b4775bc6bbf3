using System.Text;
using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>Writes the response of a <see cref="Fault"/>.</summary>
internal static class FaultResponses
{
    private const int OversizedBytes = 5 * 1024 * 1024;

    public static async Task WriteAsync(HttpContext ctx, string provider, EmulatorEndpoint endpoint, Fault fault, TimeSpan timeoutDelay, CancellationToken stopping)
    {
        var response = ctx.Response;
        switch (fault)
        {
            case Fault.ServerError:
                await Reply.JsonAsync(ctx, 500, ServerErrorBody(provider, endpoint, unavailable: false));
                break;
            case Fault.ServiceUnavailable:
                response.Headers.RetryAfter = "30";
                await Reply.JsonAsync(ctx, 503, ServerErrorBody(provider, endpoint, unavailable: true));
                break;
            case Fault.Html:
                await Reply.HtmlAsync(ctx, 200, "<html><head><title>Error</title></head><body><h1>Something went wrong</h1><p>Please try again later.</p></body></html>");
                break;
            case Fault.MalformedJson:
                await Reply.RawAsync(ctx, 200, Reply.JsonContentType, "{\"access_token\":\"AAAAtruncated");
                break;
            case Fault.EmptyBody:
                response.StatusCode = 200;
                response.ContentType = Reply.JsonContentType;
                response.ContentLength = 0;
                break;
            case Fault.Timeout:
                await HoldAsync(ctx, timeoutDelay, stopping);
                break;
            case Fault.NaverAuthFailed:
                await NaverJson.WriteAsync(ctx, 401, NaverJson.AuthFailed);
                break;
            case Fault.NaverNoAuthHeader:
                await NaverJson.WriteAsync(ctx, 401, NaverJson.NoAuthHeader);
                break;
            case Fault.KakaoInvalidToken:
                await Reply.JsonAsync(ctx, 401, new System.Text.Json.Nodes.JsonObject { ["msg"] = "this access token does not exist", ["code"] = -401 });
                break;
            case Fault.OversizedBody:
                await WriteOversizedAsync(ctx);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    private static System.Text.Json.Nodes.JsonObject ServerErrorBody(string provider, EmulatorEndpoint endpoint, bool unavailable)
    {
        var resourceEndpoint = endpoint is EmulatorEndpoint.UserInfo or EmulatorEndpoint.Verify or EmulatorEndpoint.Logout
            or EmulatorEndpoint.Unlink or EmulatorEndpoint.TokenInfo or EmulatorEndpoint.Emails;
        return (provider, resourceEndpoint) switch
        {
            ("naver", true) => new() { ["resultcode"] = "500", ["message"] = "Internal Server Error" },
            ("kakao", true) => unavailable
                ? new() { ["msg"] = "API is under maintenance", ["code"] = -9798 }
                : new() { ["msg"] = "internal error", ["code"] = -1 },
            ("github", true) => new() { ["message"] = unavailable ? "Service Unavailable" : "Server Error" },
            _ => unavailable
                ? new() { ["error"] = "temporarily_unavailable", ["error_description"] = "The service is temporarily unavailable." }
                : new() { ["error"] = "server_error", ["error_description"] = "An internal error occurred." },
        };
    }

    private static async Task HoldAsync(HttpContext ctx, TimeSpan delay, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        try
        {
            await Task.Delay(delay, linked.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Reply.JsonAsync(ctx, 504, new System.Text.Json.Nodes.JsonObject { ["error"] = "timeout", ["error_description"] = "Emulated timeout." });
    }

    private static async Task WriteOversizedAsync(HttpContext ctx)
    {
        var prefix = Encoding.ASCII.GetBytes("{\"padding\":\"");
        var suffix = Encoding.ASCII.GetBytes("\"}");
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        var fill = OversizedBytes - prefix.Length - suffix.Length;

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = Reply.JsonContentType;
        ctx.Response.ContentLength = OversizedBytes;
        var body = ctx.Response.Body;
        var ct = ctx.RequestAborted;
        try
        {
            await body.WriteAsync(prefix, ct);
            for (var left = fill; left > 0; left -= chunk.Length)
                await body.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)), ct);
            await body.WriteAsync(suffix, ct);
        }
        catch (OperationCanceledException)
        {
            // The client gave up reading, which is the point of this fault.
        }
    }
}

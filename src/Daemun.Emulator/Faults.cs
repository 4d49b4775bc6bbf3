using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>A broken response an endpoint can be told to give.</summary>
public enum Fault
{
    /// <summary>Normal behaviour.</summary>
    None,
    /// <summary>500 with a JSON error body in the provider's error shape.</summary>
    ServerError,
    /// <summary>503 with a JSON error body and Retry-After.</summary>
    ServiceUnavailable,
    /// <summary>200 text/html page instead of JSON.</summary>
    Html,
    /// <summary>200 application/json with truncated JSON.</summary>
    MalformedJson,
    /// <summary>200 with no body.</summary>
    EmptyBody,
    /// <summary>Holds the request for <see cref="EmulatorOptions.TimeoutFaultDelay"/> or until it is aborted, then 504.</summary>
    Timeout,
    /// <summary>401 with Naver resultcode 024.</summary>
    NaverAuthFailed,
    /// <summary>401 with Naver resultcode 028.</summary>
    NaverNoAuthHeader,
    /// <summary>401 with Kakao code -401.</summary>
    KakaoInvalidToken,
    /// <summary>200 application/json body of 5 MB.</summary>
    OversizedBody,
}

/// <summary>A broken id_token the token endpoint can be told to issue.</summary>
public enum IdTokenFault
{
    /// <summary>A valid id_token.</summary>
    None,
    /// <summary>Signature bytes altered.</summary>
    BadSignature,
    /// <summary>aud is another client.</summary>
    WrongAudience,
    /// <summary>iss is another issuer.</summary>
    WrongIssuer,
    /// <summary>nonce differs from the one sent.</summary>
    WrongNonce,
    /// <summary>nonce claim absent.</summary>
    MissingNonce,
    /// <summary>exp one hour in the past.</summary>
    Expired,
    /// <summary>iat one hour in the future.</summary>
    IssuedInFuture,
    /// <summary>alg "none" with an empty signature.</summary>
    AlgNone,
    /// <summary>Signed by a key whose kid is not in the JWKS.</summary>
    UnknownKid,
    /// <summary>alg HS256, HMAC keyed with the published public key's PEM (SubjectPublicKeyInfo) bytes.</summary>
    Hs256WithPublicKey,
    /// <summary>A string that is not a JWT at all.</summary>
    MalformedToken,
    /// <summary>at_hash is the hash of another access token (OIDC Core §3.1.3.6).</summary>
    WrongAtHash,
}

/// <summary>Test controls that make endpoints misbehave; each setting lasts until cleared.</summary>
public sealed class EmulatorFaults
{
    private readonly ConcurrentDictionary<(string, EmulatorEndpoint), Fault> faults = new();
    private readonly ConcurrentDictionary<string, (string Error, string? Description)> authorizeErrors = new();
    private readonly ConcurrentDictionary<string, IdTokenFault> idTokenFaults = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, System.Text.Json.Nodes.JsonNode?>> discoveryMembers = new();

    /// <summary>Makes the provider's discovery document carry <paramref name="value"/> as <paramref name="member"/> (null: leave the
    /// member out) — a hostile or broken document, e.g. a userinfo_endpoint on a private address.</summary>
    public void SetDiscoveryMember(string provider, string member, System.Text.Json.Nodes.JsonNode? value) =>
        discoveryMembers.GetOrAdd(provider, _ => new(StringComparer.Ordinal))[member] = value;

    /// <summary>The discovery members set for a provider.</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> GetDiscoveryMembers(string provider) =>
        discoveryMembers.TryGetValue(provider, out var m) ? m : new Dictionary<string, System.Text.Json.Nodes.JsonNode?>();

    /// <summary>Makes one endpoint of one provider answer with <paramref name="fault"/> (<see cref="Fault.None"/> clears it).</summary>
    public void Set(string provider, EmulatorEndpoint endpoint, Fault fault)
    {
        if (fault == Fault.None) faults.TryRemove((provider, endpoint), out _);
        else faults[(provider, endpoint)] = fault;
    }

    /// <summary>Makes the provider's authorize endpoint redirect straight back with this error.</summary>
    public void SetAuthorizeError(string provider, string error, string? description) =>
        authorizeErrors[provider] = (error, description);

    /// <summary>Makes the provider issue broken id_tokens of this kind.</summary>
    public void SetIdTokenFault(string provider, IdTokenFault fault) => idTokenFaults[provider] = fault;

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        faults.Clear();
        authorizeErrors.Clear();
        idTokenFaults.Clear();
        discoveryMembers.Clear();
    }

    /// <summary>The fault set for an endpoint, or <see cref="Fault.None"/>.</summary>
    public Fault Get(string provider, EmulatorEndpoint endpoint) =>
        faults.TryGetValue((provider, endpoint), out var f) ? f : Fault.None;

    /// <summary>The id_token fault set for a provider, or <see cref="IdTokenFault.None"/>.</summary>
    public IdTokenFault GetIdTokenFault(string provider) =>
        idTokenFaults.TryGetValue(provider, out var f) ? f : IdTokenFault.None;

    internal (string Error, string? Description)? GetAuthorizeError(string provider) =>
        authorizeErrors.TryGetValue(provider, out var e) ? e : null;
}

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

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>Naver writes JSON with non-ASCII as \uXXXX and "/" as "\/".</summary>
internal static class NaverJson
{
    public static JsonObject AuthFailed => new() { ["resultcode"] = "024", ["message"] = "Authentication failed (인증 실패하였습니다.)" };
    public static JsonObject NoAuthHeader => new() { ["resultcode"] = "028", ["message"] = "Authentication header not exists" };

    /// <summary>System.Text.Json's default encoder escapes non-ASCII; "/" only ever occurs inside strings, so escaping it afterwards is safe.</summary>
    public static string Serialize(JsonNode body) => body.ToJsonString().Replace("/", "\\/", StringComparison.Ordinal);

    public static Task WriteAsync(HttpContext ctx, int status, JsonNode body) =>
        Reply.RawAsync(ctx, status, "application/json;charset=utf-8", Serialize(body));
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>Reads request parameters and credentials.</summary>
internal static class RequestParams
{
    /// <summary>Query string merged with the form body (form wins).</summary>
    public static async Task<Dictionary<string, string>> QueryAndFormAsync(HttpContext ctx)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in ctx.Request.Query) result[k] = v.ToString();
        foreach (var (k, v) in await FormAsync(ctx)) result[k] = v.ToString();
        return result;
    }

    /// <summary>Form body only.</summary>
    public static async Task<Dictionary<string, string>> FormOnlyAsync(HttpContext ctx)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in await FormAsync(ctx)) result[k] = v.ToString();
        return result;
    }

    public static async Task<IFormCollection> FormAsync(HttpContext ctx) =>
        ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted) : FormCollection.Empty;

    /// <summary>Whether the body is declared <c>application/json</c>.</summary>
    public static bool IsJson(HttpContext ctx) =>
        MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var type)
        && string.Equals(type.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The string members of a JSON object body (numbers and booleans as their JSON text); null when the body is not a JSON object.
    /// The body can be read again afterwards.</summary>
    public static async Task<Dictionary<string, string>?> JsonObjectAsync(HttpContext ctx)
    {
        ctx.Request.EnableBuffering();
        ctx.Request.Body.Position = 0;
        try
        {
            var node = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            return node is JsonObject o
                ? o.Where(m => m.Value is JsonValue).ToDictionary(m => m.Key, m => m.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : m.Value!.ToJsonString(), StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ctx.Request.Body.Position = 0;
        }
    }

    public static bool IsUrlEncodedForm(HttpContext ctx) =>
        MediaTypeHeaderValue.TryParse(ctx.Request.ContentType, out var type)
        && string.Equals(type.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public static string? Get(this Dictionary<string, string> p, string name) =>
        p.TryGetValue(name, out var v) ? v : null;

    /// <summary>The Authorization header, or null when absent.</summary>
    public static string? Authorization(HttpContext ctx) =>
        ctx.Request.Headers.Authorization is { Count: > 0 } h ? h.ToString() : null;

    /// <summary>The token of an Authorization header with one of the schemes, else null.</summary>
    public static string? Token(string? authorization, params string[] schemes)
    {
        if (authorization is null) return null;
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0) return null;
        var scheme = authorization[..space];
        var token = authorization[(space + 1)..].Trim();
        return token.Length > 0 && schemes.Any(s => string.Equals(s, scheme, StringComparison.OrdinalIgnoreCase)) ? token : null;
    }

    /// <summary>client_id and client_secret from an HTTP Basic header (form-urlencoded parts, RFC 6749 §2.3.1).</summary>
    public static (string Id, string Secret)? BasicCredentials(HttpContext ctx)
    {
        var token = Token(Authorization(ctx), "Basic");
        if (token is null) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) return null;
            return (WebUtility.UrlDecode(decoded[..colon]), WebUtility.UrlDecode(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>Small response writers with exact control over status, content type and body.</summary>
internal static class Reply
{
    public const string JsonContentType = "application/json;charset=UTF-8";
    public const string HtmlContentType = "text/html; charset=utf-8";

    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON with non-ASCII text written as raw UTF-8 (Kakao, Google, GitHub, OIDC).</summary>
    public static Task JsonAsync(HttpContext ctx, int status, JsonNode body, string contentType = JsonContentType) =>
        RawAsync(ctx, status, contentType, body.ToJsonString(RawUtf8));

    public static Task HtmlAsync(HttpContext ctx, int status, string html) => RawAsync(ctx, status, HtmlContentType, html);

    public static async Task RawAsync(HttpContext ctx, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    public static void Redirect(HttpContext ctx, string url)
    {
        ctx.Response.StatusCode = 302;
        ctx.Response.Headers.Location = url;
        ctx.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>Appends parameters to a URL, form-encoded (space as "+"); null values are left out.</summary>
    public static string WithQuery(string url, params IEnumerable<(string Name, string? Value)> parameters)
    {
        var sb = new StringBuilder(url);
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null) continue;
            sb.Append(separator).Append(WebUtility.UrlEncode(name)).Append('=').Append(WebUtility.UrlEncode(value));
            separator = '&';
        }
        return sb.ToString();
    }

    /// <summary>A form-urlencoded body (GitHub's default token response).</summary>
    public static string FormBody(params IEnumerable<(string Name, string? Value)> parameters) =>
        WithQuery("", parameters).TrimStart('?');
}

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

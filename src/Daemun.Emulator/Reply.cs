using System.Net;
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

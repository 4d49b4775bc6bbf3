using System.Net;
using System.Text;
using Daemun.Errors;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Daemun.Endpoints;

/// <summary>Reads browser input strictly: one value per name, bounded length, valid UTF-8, no control characters.</summary>
internal static class RequestInput
{
    /// <summary>A query or form value, or null when absent. Invalid input throws <see cref="ErrorCode.InvalidRequest"/>.</summary>
    public static string? Value(StringValues values, string name, int maxLength)
    {
        if (values.Count == 0) return null;
        if (values.Count > 1) throw Invalid($"'{name}' was given {values.Count} times");
        var value = values[0] ?? "";
        if (value.Length > maxLength) throw Invalid($"'{name}' is {value.Length} characters long (limit {maxLength})");
        foreach (var c in value)
        {
            // U+FFFD is what the server decodes invalid UTF-8 to; lone surrogates cannot come from valid UTF-8 either.
            if (c == '\uFFFD' || char.IsSurrogate(c) || char.IsControl(c)) throw Invalid($"'{name}' is not valid text");
        }
        return value;
    }

    /// <summary>The form's <c>csrfToken</c> must match this browser's cookie, else <see cref="ErrorCode.MissingCsrf"/> (logged as the
    /// <paramref name="formName"/> form's).</summary>
    public static void RequireCsrf(this CsrfTokens csrf, HttpContext context, IFormCollection form, string formName)
    {
        if (!csrf.IsValid(context, Value(form["csrfToken"], "csrfToken", 256)))
        {
            throw new DaemunException(ErrorCode.MissingCsrf, $"the {formName} form's csrfToken is missing or does not match the cookie");
        }
    }

    /// <summary>The <c>error</c> a page was sent with (<c>?error=Code</c>; an unknown one reads as <see cref="ErrorCode.Default"/>), or null without one.</summary>
    public static ErrorCode? ShownError(IQueryCollection query) =>
        query.ContainsKey("error") ? ErrorCodes.Parse(Value(query["error"], "error", 64)) : null;

    /// <summary>The query, once its percent-escapes are known to decode to UTF-8 (else <see cref="ErrorCode.InvalidRequest"/>).</summary>
    public static IQueryCollection Query(HttpContext context)
    {
        if (context.Request.QueryString.Value is { Length: > 0 } raw) RequireUtf8(Encoding.UTF8.GetBytes(raw), "the query string");
        return context.Request.Query;
    }

    /// <summary>The form of a POST with small limits; a malformed or oversized body is an <see cref="ErrorCode.InvalidRequest"/>.</summary>
    public static async Task<IFormCollection> FormAsync(HttpContext context, int maxLength)
    {
        if (!context.Request.HasFormContentType) throw Invalid("the body is not a form");
        RequireUtf8Charset(context.Request);
        if (context.Request.ContentLength > FormLimit) throw Invalid("the form is larger than 64 KiB");
        var limits = new FormOptions { ValueCountLimit = 64, KeyLengthLimit = 256, ValueLengthLimit = maxLength, MultipartBodyLengthLimit = FormLimit };
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, limits));
        try
        {
            if (IsUrlEncoded(context.Request)) await RequireUtf8BodyAsync(context);
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or FormatException)
        {
            throw Invalid("the form could not be read");
        }
    }

    private const int FormLimit = 64 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A form is read as UTF-8 only: a <c>charset</c> naming anything else (<c>utf-7</c>, <c>iso-8859-1</c>, an unknown name) is
    /// an <see cref="ErrorCode.InvalidRequest"/> before the framework tries to decode with it (it throws <see cref="NotSupportedException"/>
    /// for UTF-7). A 400 with the code every other not-UTF-8 input gets, rather than a 415: browsers always send UTF-8 forms.</summary>
    private static void RequireUtf8Charset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)) throw Invalid("the form's content type cannot be read");
        var charset = HeaderUtilities.RemoveQuotes(type.Charset);
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("the form's charset is not UTF-8");
        }
    }

    private static bool IsUrlEncoded(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the (bounded) url-encoded body once to check it, then rewinds it for the form reader.</summary>
    private static async Task RequireUtf8BodyAsync(HttpContext context)
    {
        context.Request.EnableBuffering(bufferThreshold: FormLimit, bufferLimit: FormLimit);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;
        RequireUtf8(body.ToArray(), "the form");
    }

    /// <summary>The framework leaves percent-escapes that are not UTF-8 undecoded, so "%FF" would arrive as the text "%FF";
    /// decoding the raw input strictly is the only way to tell it from a genuine "%25FF".</summary>
    private static void RequireUtf8(byte[] urlEncoded, string what)
    {
        try
        {
            StrictUtf8.GetCharCount(WebUtility.UrlDecodeToBytes(urlEncoded, 0, urlEncoded.Length));
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"{what} is not valid UTF-8");
        }
    }

    private static DaemunException Invalid(string detail) => new(ErrorCode.InvalidRequest, detail);
}

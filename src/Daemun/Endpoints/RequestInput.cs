using Daemun.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

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

    /// <summary>The form of a POST with small limits; a malformed or oversized body is an <see cref="ErrorCode.InvalidRequest"/>.</summary>
    public static async Task<IFormCollection> FormAsync(HttpContext context, int maxLength)
    {
        if (!context.Request.HasFormContentType) throw Invalid("the body is not a form");
        if (context.Request.ContentLength > 64 * 1024) throw Invalid("the form is larger than 64 KiB");
        var limits = new FormOptions { ValueCountLimit = 64, KeyLengthLimit = 256, ValueLengthLimit = maxLength, MultipartBodyLengthLimit = 64 * 1024 };
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, limits));
        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or FormatException)
        {
            throw Invalid("the form could not be read");
        }
    }

    private static DaemunException Invalid(string detail) => new(ErrorCode.InvalidRequest, detail);
}

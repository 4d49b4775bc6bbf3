using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Daemun.Errors;
using Microsoft.Extensions.Options;

namespace Daemun.Protocol;

/// <summary>A provider's answer, read in full (within the size limit).</summary>
internal sealed record ProviderResponse(int Status, string? MediaType, string Body)
{
    /// <summary>The body as JSON, or null when it is not a JSON document.</summary>
    public JsonElement? TryJson()
    {
        if (string.IsNullOrWhiteSpace(Body)) return null;
        try
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

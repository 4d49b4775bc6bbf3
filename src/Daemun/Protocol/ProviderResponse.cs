using System.Text.Json;

namespace Daemun.Protocol;

/// <summary>A provider's answer, read in full (within the size limit).</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="MediaType">The Content-Type's media type, when there is one.</param>
/// <param name="Body">The body as text.</param>
public sealed record ProviderResponse(int Status, string? MediaType, string Body)
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

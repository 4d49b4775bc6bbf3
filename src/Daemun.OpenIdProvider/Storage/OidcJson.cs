using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.OpenIdProvider.Storage;

/// <summary>The JSON text of the entities' JSON-valued columns, read into and written from the shapes OpenIddict's stores exchange.
/// An empty collection is stored as NULL.</summary>
internal static class OidcJson
{
    public static ImmutableArray<string> ReadArray(string? json) =>
        string.IsNullOrEmpty(json) ? [] : [.. JsonSerializer.Deserialize<string[]>(json) ?? []];

    public static string? WriteArray(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? null : JsonSerializer.Serialize(values.ToArray());

    public static ImmutableDictionary<string, string> ReadStrings(string? json) =>
        string.IsNullOrEmpty(json)
            ? ImmutableDictionary.Create<string, string>(StringComparer.Ordinal)
            : (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).ToImmutableDictionary(StringComparer.Ordinal);

    public static string? WriteStrings(ImmutableDictionary<string, string>? values) =>
        values is null || values.IsEmpty ? null : JsonSerializer.Serialize(values);

    public static ImmutableDictionary<CultureInfo, string> ReadLocalized(string? json) =>
        string.IsNullOrEmpty(json)
            ? ImmutableDictionary<CultureInfo, string>.Empty
            : (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
                .ToImmutableDictionary(pair => CultureInfo.GetCultureInfo(pair.Key), pair => pair.Value);

    public static string? WriteLocalized(ImmutableDictionary<CultureInfo, string>? values) =>
        values is null || values.IsEmpty ? null : JsonSerializer.Serialize(values.ToDictionary(pair => pair.Key.Name, pair => pair.Value, StringComparer.Ordinal));

    public static ImmutableDictionary<string, JsonElement> ReadProperties(string? json)
    {
        if (string.IsNullOrEmpty(json)) return ImmutableDictionary.Create<string, JsonElement>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        var builder = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject()) builder[property.Name] = property.Value.Clone();
        return builder.ToImmutable();
    }

    public static string? WriteProperties(ImmutableDictionary<string, JsonElement>? properties) =>
        properties is null || properties.IsEmpty ? null : JsonSerializer.Serialize(properties);

    public static JsonWebKeySet? ReadKeySet(string? json) => string.IsNullOrEmpty(json) ? null : JsonWebKeySet.Create(json);

    public static string? WriteKeySet(JsonWebKeySet? set) => set is null ? null : JsonSerializer.Serialize(set);
}

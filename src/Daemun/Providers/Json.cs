using System.Text.Json;

namespace Daemun.Providers;

/// <summary>Small, forgiving readers for provider JSON.</summary>
public static class Json
{
    /// <summary>A member as a string: strings as they are, numbers in their exact JSON text (int64 ids keep every digit).</summary>
    public static string? Text(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => NullIfEmpty(v.GetString()),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>A boolean member; strings "true"/"false" are accepted; anything else is false.</summary>
    public static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => string.Equals(v.GetString(), "true", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    /// <summary>A nested object member, or an undefined element.</summary>
    public static JsonElement Member(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    /// <summary>Follows a dot path (<c>data.user.id</c>) and reads the value as a string.</summary>
    public static string? Path(JsonElement e, string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++) e = Member(e, parts[i]);
        return Text(e, parts[^1]);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

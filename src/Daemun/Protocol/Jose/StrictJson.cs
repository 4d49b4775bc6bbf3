using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Daemun.Protocol.Jose;

/// Parses the JSON objects JOSE is made of, refusing anything a second parser might read differently:
/// invalid UTF-8, a byte order mark, duplicate member names (escaped or not, at any depth), comments,
/// trailing commas, and escapes that do not decode to valid UTF-16 (such as a lone "\ud800").
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// Parses utf8 as one JSON object; the element returned owns its memory.
    public static bool TryParseObject(ReadOnlyMemory<byte> utf8, out JsonElement root)
    {
        root = default;
        var span = utf8.Span;
        if (!Utf8.IsValid(span) || span.StartsWith("\uFEFF"u8))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(utf8, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !AllStringsDecode(document.RootElement))
            {
                return false;
            }

            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false; // the duplicate-name check unescapes names and throws on a lone surrogate
        }
    }

    /// Parses text as one JSON object; text that is not valid UTF-16 is refused.
    public static bool TryParseObject(string text, out JsonElement root)
    {
        root = default;
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        return TryParseObject(utf8, out root);
    }

    /// Reads a string member: Missing, WrongType, or Present with its value.
    public static MemberState TryGetString(JsonElement obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var member))
        {
            return MemberState.Missing;
        }

        if (member.ValueKind != JsonValueKind.String)
        {
            return MemberState.WrongType;
        }

        value = member.GetString();
        return MemberState.Present;
    }

    /// Reads a finite number member (a JWT NumericDate, say): Missing, WrongType, or Present.
    public static MemberState TryGetNumber(JsonElement obj, string name, out double value)
    {
        value = 0;
        if (!obj.TryGetProperty(name, out var member))
        {
            return MemberState.Missing;
        }

        if (member.ValueKind != JsonValueKind.Number || !member.TryGetDouble(out value) || !double.IsFinite(value))
        {
            value = 0;
            return MemberState.WrongType;
        }

        return MemberState.Present;
    }

    // Every member name and string value must unescape, or later lookups could throw on them.
    private static bool AllStringsDecode(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        _ = member.Name;
                        if (!AllStringsDecode(member.Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!AllStringsDecode(item))
                        {
                            return false;
                        }
                    }

                    return true;
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

/// Whether a JSON member is there and of the expected kind.
internal enum MemberState
{
    Missing,
    WrongType,
    Present,
}

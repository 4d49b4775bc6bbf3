using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daemun.Providers;

/// <summary>Apple's <c>user</c> form field, sent with the authorization response on the person's first authorization for the app only:
/// <c>{"name":{"firstName":"…","lastName":"…"},"email":"…"}</c>. It reaches us through the browser unsigned, so only the name is taken
/// (as the profile's <c>name</c>); the id and the email always come from the signed id_token. A missing or unreadable field leaves the profile
/// as it is, and the stored name is then kept.</summary>
internal sealed class AppleUserField : AuthorizationResponseProfile
{
    /// <summary>The form field's name.</summary>
    public const string Field = "user";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Fields { get; } = [Field];

    /// <inheritdoc/>
    public override JsonElement Combine(JsonElement profile, IReadOnlyDictionary<string, string> fields)
    {
        if (!fields.TryGetValue(Field, out var user) || Name(user) is not { } name || JsonNode.Parse(profile.GetRawText()) is not JsonObject joined) return profile;
        joined["name"] = name;
        return JsonSerializer.SerializeToElement(joined);
    }

    /// <summary>"First Last" from the field's <c>name</c>, or null when it has none or is not JSON.</summary>
    internal static string? Name(string user)
    {
        try
        {
            using var document = JsonDocument.Parse(user, new JsonDocumentOptions { MaxDepth = 8 });
            var name = Json.Member(document.RootElement, "name");
            var full = string.Join(' ', new[] { Json.Text(name, "firstName"), Json.Text(name, "lastName") }.OfType<string>()).Trim();
            return full.Length > 0 ? full : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

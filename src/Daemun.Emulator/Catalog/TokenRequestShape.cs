using System.Text.Json.Nodes;

namespace Daemun.Emulator.Catalog;

/// <summary>The documented format of a catalog provider's token request (and the client id and scope names of its authorization request),
/// recorded in the shape's <c>tokenRequest</c> section; the emulator enforces it, so a declaration that sends the RFC 6749 default to a
/// provider that documents otherwise fails end to end. Without the section: RFC 6749 (POST, form, <c>client_id</c>, <c>client_secret</c>).</summary>
/// <example><c>"tokenRequest": { "method": "GET", "body": "query", "clientId": "app_id", "clientSecret": "secret", "scope": "perms",
/// "parameters": { "output": "json" }, "headers": { "User-Agent": "descriptive" }, "callback": { "device_id": "…" } }</c></example>
public sealed class TokenRequestShape
{
    /// <summary>RFC 6749 §4.1.3.</summary>
    public static TokenRequestShape Standard { get; } = new();

    /// <summary>The header rule of a User-Agent that names the app: <c>&lt;platform&gt;:&lt;client id&gt;:&lt;version&gt; (by …)</c> (Reddit).</summary>
    public const string Descriptive = "descriptive";

    /// <summary>The token endpoint's HTTP method: <c>POST</c>, or <c>GET</c> with the parameters in the query.</summary>
    public string Method { get; private init; } = "POST";

    /// <summary>How the parameters come: <c>form</c>, <c>json</c> (a JSON object of strings) or <c>query</c>.</summary>
    public string Body { get; private init; } = "form";

    /// <summary>The client id's name in the authorization and token requests.</summary>
    public string ClientId { get; private init; } = "client_id";

    /// <summary>The client secret's name in the token request.</summary>
    public string ClientSecret { get; private init; } = "client_secret";

    /// <summary>The scope's name in the authorization request.</summary>
    public string Scope { get; private init; } = "scope";

    /// <summary>Fixed parameters the token request must carry with these values (Deezer: <c>output=json</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; private init; } = new Dictionary<string, string>();

    /// <summary>Headers every call to the token and profile endpoints must carry: <see cref="Descriptive"/> for an app-naming User-Agent, any
    /// other rule means present and not empty. A call without is answered 429, as Reddit does.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private init; } = new Dictionary<string, string>();

    /// <summary>Parameters the authorization response carries besides code and state (VK ID: <c>device_id</c>), with the documentation's
    /// sample value; the emulator issues a fresh value per authorization and the code exchange must send it back.</summary>
    public IReadOnlyDictionary<string, string> Callback { get; private init; } = new Dictionary<string, string>();

    /// <summary>Reads the section; <see cref="Standard"/> when there is none.</summary>
    public static TokenRequestShape Read(JsonObject? section) => section is null ? Standard : new()
    {
        Method = Text(section, "method")?.ToUpperInvariant() ?? Standard.Method,
        Body = Text(section, "body") ?? (Text(section, "method")?.ToUpperInvariant() == "GET" ? "query" : Standard.Body),
        ClientId = Text(section, "clientId") ?? Standard.ClientId,
        ClientSecret = Text(section, "clientSecret") ?? Standard.ClientSecret,
        Scope = Text(section, "scope") ?? Standard.Scope,
        Parameters = Members(section, "parameters"),
        Headers = Members(section, "headers"),
        Callback = Members(section, "callback"),
    };

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static Dictionary<string, string> Members(JsonObject o, string name) =>
        o[name] is JsonObject members
            ? members.Where(m => m.Value is JsonValue).ToDictionary(m => m.Key, m => m.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daemun.Emulator.Catalog;

/// <summary>A catalog provider's documented responses, recorded from its developer documentation (<c>Catalog/Shapes/{id}.json</c>): the token
/// response, the profile answer, the id_token claims (OpenID Connect), a secondary email answer, an error answer, and what a correct
/// profile mapping makes of them. The emulator serves a provider from its declaration plus this shape; the catalog tests check the
/// mapping against <see cref="Expect"/>.</summary>
public sealed class ResponseShape
{
    private readonly JsonObject _root;

    private ResponseShape(string provider, JsonObject root) => (Provider, _root) = (provider, root);

    /// <summary>The provider id (the file's name).</summary>
    public string Provider { get; }

    /// <summary>Where the shapes come from: the documentation pages they were recorded from.</summary>
    public IReadOnlyList<string> Sources => _root["sources"] is JsonArray a ? [.. a.Select(s => s?.GetValue<string>()).OfType<string>()] : [];

    /// <summary>The documented format of the token request (<c>tokenRequest</c>); RFC 6749's when the shape records none.</summary>
    public TokenRequestShape TokenRequest => TokenRequestShape.Read(_root["tokenRequest"] as JsonObject);

    /// <summary>The documented token response (a fresh copy).</summary>
    public JsonObject Token => Copy("token") as JsonObject ?? throw Missing("token");

    /// <summary>The HTTP status of the documented token answer: the shape's <c>tokenAnswer.status</c> (Qiita: 201), else 200.</summary>
    public int TokenStatus => _root["tokenAnswer"] is JsonObject a && a["status"] is JsonValue s ? s.GetValue<int>() : 200;

    /// <summary>Where the documented token answer carries the access token, as a dotted path with array indexes (<c>token</c>,
    /// <c>data.0.access_token</c>): the shape's <c>tokenAnswer.accessToken</c>; null when it is the first <c>access_token</c> member (at the top
    /// or nested, as Slack's <c>authed_user.access_token</c>).</summary>
    public string? AccessTokenPath => _root["tokenAnswer"] is JsonObject a ? Text(a, "accessToken") : null;

    /// <summary>The member of the profile answer that echoes the access token the request presented (HubSpot's token information:
    /// <c>token</c>): the shape's <c>profileEchoesAccessToken</c>; null when the profile carries no token.</summary>
    public string? ProfileEchoesAccessToken => Text(_root, "profileEchoesAccessToken");

    /// <summary>The algorithm the provider signs its id_tokens with: the shape's <c>idTokenAlg</c> (LINE: <c>HS256</c>, keyed by the client
    /// secret), else RS256.</summary>
    public string IdTokenAlg => Text(_root, "idTokenAlg") ?? "RS256";

    /// <summary>The documented profile answer as the userinfo endpoint sends it, envelope and all; null when the profile comes only from the id_token.</summary>
    public JsonNode? Profile => Copy("profile");

    /// <summary>The id_token's claims besides <c>iss</c>, <c>aud</c>, <c>exp</c>, <c>iat</c> and <c>nonce</c>; null for plain OAuth 2.0.</summary>
    public JsonObject? IdToken => Copy("idToken") as JsonObject;

    /// <summary>The answer of the secondary email endpoint (GitHub's <c>/user/emails</c>); null when the provider has none.</summary>
    public JsonNode? Emails => Copy("emails");

    /// <summary>The documented error answer of the token endpoint: its HTTP status and body.</summary>
    public (int Status, JsonNode Body)? Error => _root["error"] is JsonObject e && e["body"] is { } body
        ? (e["status"]?.GetValue<int>() ?? 400, body.DeepClone())
        : null;

    /// <summary>What the mapping must make of the documented answers.</summary>
    public ExpectedProfile Expect => _root["expect"] is JsonObject e
        ? new(Text(e, "id") ?? throw Missing("expect.id"), Text(e, "name"), Text(e, "email"), e["emailVerified"]?.GetValue<bool>() ?? false, Text(e, "image"))
        : throw Missing("expect");

    /// <summary>The documented answers changed by the shape's <c>unverified</c> JSON merge patches (RFC 7396) so that the email is not verified
    /// under the provider's rule; null when the provider never verifies emails.</summary>
    public UnverifiedAnswers? Unverified => _root["unverified"] is JsonObject u
        ? new(Patched(Copy("profile"), u["profile"]), Patched(Copy("idToken"), u["idToken"]) as JsonObject, Patched(Copy("emails"), u["emails"]))
        : null;

    /// <summary>Parses a shape document.</summary>
    public static ResponseShape Parse(string provider, string json) =>
        JsonNode.Parse(json) is JsonObject o ? new(provider, o) : throw new JsonException($"The response shape of {provider} is not a JSON object.");

    private JsonNode? Copy(string name) => _root[name]?.DeepClone();

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private InvalidDataException Missing(string member) => new($"The response shape of {Provider} has no '{member}'.");

    /// <summary>RFC 7396: members of the patch replace the target's; a null member removes it; objects merge recursively.</summary>
    private static JsonNode? Patched(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch is null ? target : patch.DeepClone();
        var result = target as JsonObject ?? [];
        foreach (var (name, value) in p)
        {
            if (value is null) result.Remove(name);
            else result[name] = Patched(result[name]?.DeepClone(), value);
        }
        return result;
    }
}

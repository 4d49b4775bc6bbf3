using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Providers;

/// <summary>How the engine asks a provider for the person's profile and reads the answer. The standard request (<see cref="Standard"/>):
/// GET the userinfo endpoint with the access token as Bearer; the answer's JSON object is the profile. A provider declares what differs
/// (method, query, headers, where the token goes) with the init properties, and overrides the virtual methods for what cannot be declared
/// (Naver's result code and envelope). The engine never names a provider.</summary>
public class ProfileRequest
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>GET with the access token as Bearer; the whole answer is the profile.</summary>
    public static ProfileRequest Standard { get; } = new();

    /// <summary>The HTTP method (Dropbox: POST).</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Query parameters added to the userinfo URL (Facebook: <c>fields=id,name,email,picture</c>).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = None;

    /// <summary>Extra request headers. <c>{ClientId}</c> in a value is replaced by the client id, <c>{Name}</c> by the declaration's parameter of
    /// that name (an API key the provider wants beside the token).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = None;

    /// <summary>When set, the access token goes in this query parameter (VK: <c>access_token</c>) instead of the Authorization header.</summary>
    public string? TokenQueryParameter { get; init; }

    /// <summary>The Authorization scheme for the access token (Yandex: <c>OAuth</c>).</summary>
    public string TokenScheme { get; init; } = "Bearer";

    /// <summary>A JSON body sent with the request (Dropbox's POST: <c>null</c>); none when null.</summary>
    public string? JsonBody { get; init; }

    /// <summary>Top-level members of the answer that are never stored with the account (its raw profile): secrets the provider echoes
    /// (HubSpot's token information carries the access token itself in <c>token</c>). None by default: the answer is stored as it came.</summary>
    public IReadOnlyList<string> UnstoredMembers { get; init; } = [];

    /// <summary>Builds the request for <paramref name="url"/>.</summary>
    public virtual HttpRequestMessage Create(string url, string accessToken, ProviderOptions provider)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in Query) query[name] = value;
        if (TokenQueryParameter is { } parameter) query[parameter] = accessToken;
        var request = new HttpRequestMessage(new HttpMethod(Method), query.Count == 0 ? url : QueryHelpers.AddQueryString(url, query));
        if (TokenQueryParameter is null) request.Headers.Authorization = new AuthenticationHeaderValue(TokenScheme, accessToken);
        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, Placeholders.Fill(value, provider));
        }
        if (JsonBody is not null) request.Content = new StringContent(JsonBody, Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>The answer as it is stored with the account: <paramref name="body"/> itself, or without <see cref="UnstoredMembers"/> when
    /// the provider declares some.</summary>
    internal string Stored(JsonElement answer, string body)
    {
        if (UnstoredMembers.Count == 0 || answer.ValueKind != JsonValueKind.Object) return body;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in answer.EnumerateObject().Where(m => !UnstoredMembers.Contains(m.Name, StringComparer.Ordinal))) member.WriteTo(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A failure the provider reports inside an HTTP 200 answer (Naver: <c>resultcode</c> other than <c>00</c>), as a short code that
    /// is safe to log; null when the answer is a success.</summary>
    public virtual string? Failure(JsonElement answer) => null;

    /// <summary>The profile object within the answer (Naver: the <c>response</c> member); null when the answer lacks it.</summary>
    public virtual JsonElement? Profile(JsonElement answer) => answer.ValueKind == JsonValueKind.Object ? answer : null;

    /// <summary>The profile joined with what only the token response carries (VK: <c>email</c> and <c>user_id</c>); by default the profile as it is.</summary>
    public virtual JsonElement Combine(JsonElement profile, JsonElement tokenResponse) => profile;
}

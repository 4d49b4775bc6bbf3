using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Providers;

/// <summary>How the engine sends the token request (the code exchange and the refresh). The standard request (<see cref="Standard"/>):
/// RFC 6749 §4.1.3 — POST with a form body, the client named <c>client_id</c> and its secret <c>client_secret</c>. A provider declares
/// what differs with the init properties (Qiita's JSON body, Foursquare's GET, TikTok's <c>client_key</c>, VK's <c>device_id</c> from the
/// callback, Reddit's User-Agent); the engine never names a provider.</summary>
public record TokenRequest
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The longest value of a forwarded callback parameter (<see cref="CallbackParameters"/>).</summary>
    public const int MaxCallbackParameterLength = 256;

    /// <summary>RFC 6749 as written.</summary>
    public static TokenRequest Standard { get; } = new();

    /// <summary>Form POST (the default), JSON POST or GET with a query.</summary>
    public TokenRequestFormat Format { get; init; } = TokenRequestFormat.Form;

    /// <summary>The name of the client id in the token request and in the authorization request (TikTok: <c>client_key</c>, Deezer: <c>app_id</c>).</summary>
    public string ClientIdParameter { get; init; } = "client_id";

    /// <summary>The name of the client secret in the token request, when the client authenticates in the request (Deezer: <c>secret</c>).</summary>
    public string ClientSecretParameter { get; init; } = "client_secret";

    /// <summary>Fixed parameters the token request adds (Deezer: <c>output=json</c>); none by default.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = None;

    /// <summary>Request headers (Reddit: a descriptive <c>User-Agent</c>). <c>{ClientId}</c> in a value is replaced by the client id, <c>{Name}</c>
    /// by the declaration's parameter of that name, as in <see cref="ProfileRequest.Headers"/>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = None;

    /// <summary>Parameters of the authorization response (the callback) that the code exchange sends on (VK ID: <c>device_id</c>). Only these
    /// are forwarded, each required and checked first: at most <see cref="MaxCallbackParameterLength"/> characters of
    /// <c>A–Z a–z 0–9 - . _ ~</c>.</summary>
    public IReadOnlyList<string> CallbackParameters { get; init; } = [];

    /// <summary>The HTTP method <see cref="Format"/> calls for.</summary>
    public HttpMethod Method => Format == TokenRequestFormat.Query ? HttpMethod.Get : HttpMethod.Post;

    /// <summary>Writes <paramref name="parameters"/> (and <see cref="Parameters"/>) into <paramref name="request"/> as <see cref="Format"/> says,
    /// and adds <see cref="Headers"/>.</summary>
    public virtual void Complete(HttpRequestMessage request, IEnumerable<KeyValuePair<string, string>> parameters, ProviderOptions provider)
    {
        var all = parameters.Concat(Parameters).ToList();
        switch (Format)
        {
            case TokenRequestFormat.Json:
                request.Content = new StringContent(JsonObject(all), Encoding.UTF8, "application/json");
                break;
            case TokenRequestFormat.Query:
                request.RequestUri = new Uri(QueryHelpers.AddQueryString(request.RequestUri!.OriginalString, all.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))));
                break;
            default:
                request.Content = new FormUrlEncodedContent(all);
                break;
        }
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, Placeholders.Fill(value, provider));
    }

    /// <summary>Whether a forwarded callback parameter's value is within bounds: 1 to <see cref="MaxCallbackParameterLength"/> characters of
    /// RFC 3986's unreserved set.</summary>
    public static bool IsAcceptableCallbackValue(string value) =>
        value.Length is > 0 and <= MaxCallbackParameterLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    private static string JsonObject(IEnumerable<KeyValuePair<string, string>> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in members) json.WriteString(name, value);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

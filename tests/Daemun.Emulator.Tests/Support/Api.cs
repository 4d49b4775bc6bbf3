using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Daemun.Emulator.Tests.Support;

/// <summary>Token and API calls as an OAuth client makes them.</summary>
internal static class Api
{
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient http, string url, params (string Name, string? Value)[] fields) =>
        http.PostAsync(new Uri(url), new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Name, f.Value!))));

    public static async Task<HttpResponseMessage> GetWithBearerAsync(this HttpClient http, string url, string? token, string scheme = "Bearer")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        return await http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostWithBearerAsync(this HttpClient http, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static string Str(this JsonElement json, string name) => json.GetProperty(name).GetString()!;

    public static bool Has(this JsonElement json, string name) => json.TryGetProperty(name, out _);

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (verifier, challenge);
    }

    public static string Basic(string id, string secret) => Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + secret));
}

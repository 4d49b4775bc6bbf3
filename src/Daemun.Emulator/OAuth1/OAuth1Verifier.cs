using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Daemun.Emulator;

/// <summary>Verifies an RFC 5849 request the way a provider does (§3.2), written independently of the engine's signing so each checks the
/// other: the OAuth Authorization header, the signature method and version, the consumer key, the timestamp window, the HMAC-SHA1 signature
/// over method, base URI and every query, header and form parameter, and the nonce (once per consumer, token and timestamp).</summary>
internal sealed class OAuth1Verifier(EmulatorClient client, Func<DateTimeOffset> now)
{
    /// <summary>How far a timestamp may be from the emulator's clock.</summary>
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);

    /// <summary>The verified request's protocol parameters, or the problem; <paramref name="tokenSecret"/> finds the secret of the
    /// request's <c>oauth_token</c> (null: unknown token), and is not asked when <paramref name="tokenRequired"/> is false and none is sent.</summary>
    public async Task<(Dictionary<string, string>? Parameters, OAuth1Problem? Problem)> VerifyAsync(HttpContext ctx, bool tokenRequired,
        Func<string, (string? Secret, OAuth1Problem? Problem)> tokenSecret)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("OAuth ", StringComparison.Ordinal)) return (null, OAuth1Problem.Absent("oauth_consumer_key"));
        var protocol = ParseHeader(header["OAuth ".Length..]);
        if (protocol is null) return (null, OAuth1Problem.Rejected("Authorization"));
        foreach (var required in new[] { "oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce" })
        {
            if (!protocol.ContainsKey(required)) return (null, OAuth1Problem.Absent(required));
        }
        if (protocol.TryGetValue("oauth_version", out var version) && version != "1.0") return (null, OAuth1Problem.VersionRejected);
        if (protocol["oauth_signature_method"] != "HMAC-SHA1") return (null, OAuth1Problem.SignatureMethodRejected);
        if (!Same(protocol["oauth_consumer_key"], client.ClientId)) return (null, OAuth1Problem.ConsumerKeyUnknown);
        if (!long.TryParse(protocol["oauth_timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            return (null, OAuth1Problem.Rejected("oauth_timestamp"));
        }
        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799));
        if ((sent - now()).Duration() > TimestampWindow) return (null, OAuth1Problem.TimestampRefused);

        string? secret = null;
        protocol.TryGetValue("oauth_token", out var token);
        if (token is null && tokenRequired) return (null, OAuth1Problem.Absent("oauth_token"));
        if (token is not null)
        {
            var (found, problem) = tokenSecret(token);
            if (problem is not null) return (null, problem);
            secret = found;
        }

        var expected = Signature(ctx.Request.Method, BaseUri(ctx.Request), await AllParametersAsync(ctx, protocol), client.ClientSecret, secret ?? "");
        if (!Same(protocol["oauth_signature"], expected)) return (null, OAuth1Problem.SignatureInvalid);
        var nonceKey = string.Join('\n', client.ClientId, token ?? "", protocol["oauth_timestamp"], protocol["oauth_nonce"]);
        ForgetOldNonces();
        if (!_nonces.TryAdd(nonceKey, sent)) return (null, OAuth1Problem.NonceUsed);
        return (protocol, null);
    }

    /// <summary>§3.5.1: <c>name="value"</c> pairs separated by commas, names and values percent-encoded; null when malformed or a parameter
    /// repeats (§3.2: duplicated protocol parameters are refused). <c>realm</c> is dropped.</summary>
    private static Dictionary<string, string>? ParseHeader(string value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || part.Length < equals + 3 || part[equals + 1] != '"' || part[^1] != '"') return null;
            var name = Uri.UnescapeDataString(part[..equals]);
            var text = Uri.UnescapeDataString(part[(equals + 2)..^1]);
            if (name == "realm") continue;
            if (!result.TryAdd(name, text)) return null;
        }
        return result;
    }

    /// <summary>Every parameter the signature covers: the query, the header's protocol parameters but the signature, a form body.</summary>
    private static async Task<List<(string Name, string Value)>> AllParametersAsync(HttpContext ctx, Dictionary<string, string> protocol)
    {
        var all = new List<(string, string)>();
        foreach (var (name, values) in ctx.Request.Query)
        {
            foreach (var v in values) all.Add((name, v ?? ""));
        }
        foreach (var (name, v) in protocol)
        {
            if (name != "oauth_signature") all.Add((name, v));
        }
        if (RequestParams.IsUrlEncodedForm(ctx))
        {
            foreach (var (name, values) in await ctx.Request.ReadFormAsync(ctx.RequestAborted))
            {
                foreach (var v in values) all.Add((name, v ?? ""));
            }
        }
        return all;
    }

    /// <summary>§3.4.1.2, from what the request itself says: scheme, Host header (lower case, default port dropped), path.</summary>
    private static string BaseUri(HttpRequest request)
    {
        var host = request.Host;
        var port = host.Port is { } p && !(request.Scheme == "http" && p == 80) && !(request.Scheme == "https" && p == 443) ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
        return request.Scheme.ToLowerInvariant() + "://" + host.Host.ToLowerInvariant() + port + (request.PathBase + request.Path).ToUriComponent();
    }

    /// <summary>§3.4.1 and §3.4.2 with the platform's RFC 3986 escaping (<see cref="Uri.EscapeDataString(string)"/>: only unreserved characters stay).</summary>
    internal static string Signature(string method, string baseUri, IEnumerable<(string Name, string Value)> parameters, string consumerSecret, string tokenSecret)
    {
        var normalized = string.Join("&", parameters
            .Select(p => (Name: Uri.EscapeDataString(p.Name), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var baseString = $"{Uri.EscapeDataString(method.ToUpperInvariant())}&{Uri.EscapeDataString(baseUri)}&{Uri.EscapeDataString(normalized)}";
        var key = $"{Uri.EscapeDataString(consumerSecret)}&{Uri.EscapeDataString(tokenSecret)}";
#pragma warning disable CA5350 // RFC 5849 §3.4.2 defines HMAC-SHA1
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(key));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(baseString)));
    }

    /// <summary>A nonce only needs remembering while its timestamp is acceptable.</summary>
    private void ForgetOldNonces()
    {
        var cutoff = now() - TimestampWindow * 2;
        foreach (var (key, at) in _nonces)
        {
            if (at < cutoff) _nonces.TryRemove(key, out _);
        }
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

using System.Security.Cryptography;
using System.Text;

namespace Daemun.Protocol;

/// <summary>RFC 5849 §3.4: the signature base string (method, base string URI, normalized parameters from the query, the protocol
/// parameters and a form body) and the HMAC-SHA1 signature keyed with <c>consumer secret &amp; token secret</c>. RSA-SHA1 and PLAINTEXT
/// are not supported: every provider in the catalog accepts HMAC-SHA1.</summary>
internal static class OAuth1Signature
{
    /// <summary>The only signature method sent (<c>oauth_signature_method</c>).</summary>
    public const string HmacSha1 = "HMAC-SHA1";

    /// <summary>§3.6: UTF-8, then every byte except the unreserved ALPHA, DIGIT, <c>-</c>, <c>.</c>, <c>_</c>, <c>~</c> as <c>%XX</c> (upper-case hex).</summary>
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
        return sb.ToString();
    }

    private const string Hex = "0123456789ABCDEF";

    /// <summary>§3.4.1.2: scheme and host in lower case, the port only when it is not the scheme's default, the path; no query or fragment.</summary>
    public static string BaseStringUri(Uri uri)
    {
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{uri.Scheme.ToLowerInvariant()}://{uri.Host.ToLowerInvariant()}{port}{uri.AbsolutePath}";
    }

    /// <summary>An <c>application/x-www-form-urlencoded</c> string as decoded name/value pairs (<c>+</c> is a space; a name without <c>=</c>
    /// has the empty value), in order and with repeats, as §3.4.1.3.1 reads the query and a form body.</summary>
    public static List<KeyValuePair<string, string>> ParseForm(string? encoded)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(encoded)) return pairs;
        foreach (var part in encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }
        return pairs;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    /// <summary>§3.4.1.3.2: each name and value encoded, sorted by name then value (byte order), joined as <c>name=value</c> with <c>&amp;</c>.</summary>
    public static string NormalizedParameters(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

    /// <summary>§3.4.1.1: <c>METHOD&amp;encoded base string URI&amp;encoded normalized parameters</c>. The parameters are the URI's query, the
    /// protocol parameters (without <c>oauth_signature</c> and <c>realm</c>) and the form body's.</summary>
    public static string BaseString(string method, Uri uri, IEnumerable<KeyValuePair<string, string>> protocolParameters,
        IEnumerable<KeyValuePair<string, string>> formParameters)
    {
        var parameters = ParseForm(uri.Query)
            .Concat(protocolParameters.Where(p => p.Key is not "oauth_signature" and not "realm"))
            .Concat(formParameters);
        return $"{Encode(method.ToUpperInvariant())}&{Encode(BaseStringUri(uri))}&{Encode(NormalizedParameters(parameters))}";
    }

    /// <summary>§3.4.2: base64 of HMAC-SHA1 over the base string, keyed with the encoded consumer secret, <c>&amp;</c>, and the encoded token
    /// secret (empty for the temporary-credential request).</summary>
    public static string Sign(string baseString, string consumerSecret, string? tokenSecret)
    {
        var key = Encoding.ASCII.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret ?? ""));
#pragma warning disable CA5350 // RFC 5849 §3.4.2 defines HMAC-SHA1; the providers accept nothing stronger
        return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.ASCII.GetBytes(baseString)));
#pragma warning restore CA5350
    }

    /// <summary>§3.5.1: the <c>Authorization</c> header's value, <c>OAuth name="value", …</c> with names and values encoded.</summary>
    public static string AuthorizationHeader(IEnumerable<KeyValuePair<string, string>> protocolParameters) =>
        "OAuth " + string.Join(", ", protocolParameters.Select(p => $"{Encode(p.Key)}=\"{Encode(p.Value)}\""));
}

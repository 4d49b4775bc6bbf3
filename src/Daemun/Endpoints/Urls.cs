using System.Buffers;
using System.Globalization;
using System.Text;
using Daemun.Providers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary>The app's own URLs: origin, endpoint paths, the redirect URI given to providers, and safe callback targets.</summary>
internal sealed class Urls(IOptions<DaemunOptions> options)
{
    private DaemunOptions O => options.Value;

    /// <summary>The public origin plus path base, without a trailing slash.</summary>
    public string Origin(HttpContext context) =>
        O.BaseUrl is { } configured ? configured.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    /// <summary>An endpoint's path, e.g. <c>/api/auth/signin</c>.</summary>
    public string Path(HttpContext context, string action) => $"{context.Request.PathBase}{O.BasePath}/{action}";

    /// <summary>An endpoint's absolute URL, e.g. <c>https://example.com/api/auth/signin</c>.</summary>
    public string Absolute(HttpContext context, string action) => $"{Origin(context)}{O.BasePath}/{action}";

    /// <summary>The redirect URI registered at the provider: <c>{origin}{basePath}/callback/{id}</c>.</summary>
    public string RedirectUri(HttpContext context, ProviderOptions provider) => Absolute(context, $"callback/{provider.Id}");

    /// <summary>A path on this site: starts with one <c>/</c> (not <c>//</c>, another host), no backslash (browsers read it as <c>/</c>), no control characters.</summary>
    public static bool IsLocalPath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal) && !path.Any(char.IsControl);

    /// <summary>The sign-in page that leads back to <paramref name="callbackUrl"/> afterwards.</summary>
    public string SignIn(HttpContext context, string callbackUrl) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path(context, "signin"), "callbackUrl", callbackUrl);

    /// <summary>The app's page that replaces one of Daemun's (<see cref="DaemunPagesOptions"/>), with this request's query and
    /// <paramref name="extraQuery"/>; null when Daemun's own page is used.</summary>
    public static string? Replacement(HttpContext context, string? appPage, string? extraQuery = null)
    {
        if (appPage is null) return null;
        var query = context.Request.QueryString.Value ?? "";
        if (extraQuery is not null) query += (query.Length == 0 ? "?" : "&") + extraQuery;
        return ForHeader(context.Request.PathBase + appPage + query);
    }

    /// <summary>Where a page lives: the app's replacement (<see cref="DaemunPagesOptions"/>) when there is one, else Daemun's own.</summary>
    public string Page(HttpContext context, string action, string? appPage) => appPage is null ? Path(context, action) : context.Request.PathBase + appPage;

    /// <summary>Where to send the person: relative or same-origin URLs only; anything else falls back to the base URL.</summary>
    public string SafeCallback(HttpContext context, string? requested)
    {
        var origin = Origin(context);
        var fallback = ForHeader(context.Request.PathBase + O.DefaultCallbackPath);
        if (string.IsNullOrEmpty(requested)) return fallback;
        if (requested.Contains('\\', StringComparison.Ordinal) || requested.Any(char.IsControl)) return origin + "/";
        if (IsLocalPath(requested)) return ForHeader(requested); // checked as given, then written in its header-safe form
        if (Uri.TryCreate(requested, UriKind.Absolute, out var target) && Uri.TryCreate(origin, UriKind.Absolute, out var own)
            && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps)
            && Uri.Compare(target, own, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            && string.IsNullOrEmpty(target.UserInfo))
        {
            return target.AbsoluteUri;
        }
        return origin + "/";
    }

    /// <summary>The one way a URL reaches a response header (<c>Location</c>, or the <c>url</c> of a JSON redirect): printable ASCII only.
    /// Every character outside it — non-ASCII (e.g. <c>/마이페이지</c>), spaces, control characters — and the characters a URL never
    /// holds unescaped (<c>\ " &lt; &gt; ` { } | ^</c>) are percent-encoded as UTF-8; existing escapes (<c>%EB%A7%88</c>) stay as they are,
    /// so encoding twice changes nothing. It checks nothing about where the URL leads: that is <see cref="SafeCallback"/>'s job.</summary>
    public static string ForHeader(string url)
    {
        if (!url.AsSpan().ContainsAnyExcept(HeaderSafe)) return url;
        var encoded = new StringBuilder(url.Length + 32);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            if (HeaderSafe.Contains(url[i]))
            {
                encoded.Append(url[i]);
                continue;
            }
            // a lone surrogate cannot be UTF-8: it is written as U+FFFD's bytes
            if (Rune.DecodeFromUtf16(url.AsSpan(i), out var rune, out var used) != OperationStatus.Done) (rune, used) = (Rune.ReplacementChar, 1);
            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)]) encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            i += used - 1;
        }
        return encoded.ToString();
    }

    /// <summary>Printable ASCII less the characters RFC 3986 never allows unescaped in a URL.</summary>
    private static readonly SearchValues<char> HeaderSafe =
        SearchValues.Create("!#$%&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz~");
}

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
        return context.Request.PathBase + appPage + query;
    }

    /// <summary>Where a page lives: the app's replacement (<see cref="DaemunPagesOptions"/>) when there is one, else Daemun's own.</summary>
    public string Page(HttpContext context, string action, string? appPage) => appPage is null ? Path(context, action) : context.Request.PathBase + appPage;

    /// <summary>Where to send the person: relative or same-origin URLs only; anything else falls back to the base URL.</summary>
    public string SafeCallback(HttpContext context, string? requested)
    {
        var origin = Origin(context);
        var fallback = context.Request.PathBase + O.DefaultCallbackPath;
        if (string.IsNullOrEmpty(requested)) return fallback;
        if (requested.Contains('\\', StringComparison.Ordinal) || requested.Any(char.IsControl)) return origin + "/";
        if (IsLocalPath(requested)) return requested;
        if (Uri.TryCreate(requested, UriKind.Absolute, out var target) && Uri.TryCreate(origin, UriKind.Absolute, out var own)
            && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps)
            && Uri.Compare(target, own, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            && string.IsNullOrEmpty(target.UserInfo))
        {
            return target.AbsoluteUri;
        }
        return origin + "/";
    }
}

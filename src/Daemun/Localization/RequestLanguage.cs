using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Daemun.Localization;

/// <summary>Picks a request's language: a valid <c>lang</c> query value (remembered in the <c>daemun.lang</c> cookie), else that cookie,
/// else the best Accept-Language match by q-value (<c>ko-KR</c> → <c>ko</c>), else <c>Daemun:DefaultLanguage</c>.</summary>
internal sealed class RequestLanguage(Texts texts, DaemunCookies cookies)
{
    /// <summary>The cookie that remembers a chosen language (with the <c>__Host-</c> prefix over https).</summary>
    public const string CookieName = "daemun.lang";

    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    /// <summary>The strings of the request's language.</summary>
    public PageText For(HttpContext context) => texts.For(Choose(context));

    /// <summary>The request's language, chosen once per request (a page asks for many strings); a valid <c>lang</c> query value is also
    /// written to the cookie.</summary>
    public string Choose(HttpContext context)
    {
        if (context.Items[ItemKey] is string cached) return cached;
        var language = FromQuery(context) ?? texts.Find(cookies.Read(context, CookieName)) ?? FromAcceptLanguage(context.Request) ?? texts.DefaultLanguage;
        context.Items[ItemKey] = language;
        return language;
    }

    private const string ItemKey = "Daemun.Language";

    /// <summary>An app's preference (OpenID Connect <c>ui_locales</c>, space-separated tags in order): the first there is a file for
    /// (<c>ja-JP</c> → <c>ja</c>) becomes this request's language. Not remembered in the cookie; none matching changes nothing.</summary>
    public void Prefer(HttpContext context, string? tags)
    {
        foreach (var tag in (tags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if ((texts.Find(tag) ?? texts.Find(tag.Split('-')[0])) is { } chosen)
            {
                context.Items[ItemKey] = chosen;
                return;
            }
        }
    }

    private string? FromQuery(HttpContext context)
    {
        var query = context.Request.Query["lang"];
        if (query.Count != 1 || texts.Find(query[0]) is not { } chosen) return null;
        Remember(context, chosen);
        return chosen;
    }

    /// <summary>The highest-q Accept-Language entry there is a file for, exactly or by its primary subtag; q=0 means "not this one".</summary>
    private string? FromAcceptLanguage(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var ranges)) return null;
        foreach (var range in ranges.Where(r => (r.Quality ?? 1) > 0).OrderByDescending(r => r.Quality ?? 1))
        {
            var tag = range.Value.Value;
            if (tag is null || tag == "*") continue;
            var dash = tag.IndexOf('-', StringComparison.Ordinal);
            if ((texts.Find(tag) ?? (dash > 0 ? texts.Find(tag[..dash]) : null)) is { } language) return language;
        }
        return null;
    }

    /// <summary>Readable by scripts (a language is no secret), Lax, Secure over https — like Daemun's other cookies otherwise.</summary>
    private void Remember(HttpContext context, string language) =>
        context.Response.Cookies.Append(cookies.Name(context, CookieName), language, new CookieOptions
        {
            HttpOnly = false,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            Secure = cookies.IsSecure(context),
            Path = "/",
            MaxAge = CookieLifetime,
            IsEssential = true,
        });
}

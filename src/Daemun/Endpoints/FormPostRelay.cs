using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Daemun.Providers;
using Microsoft.AspNetCore.Http;

namespace Daemun.Endpoints;

/// <summary>OAuth 2.0 Form Post Response Mode (<c>response_mode=form_post</c>, which Apple requires when name or email is asked for): the
/// provider's page POSTs the authorization response to the callback. That POST is cross-site, so the browser sends no SameSite=Lax cookie
/// with it — neither the state binding nor the session — and the state check would fail. Rather than loosen any cookie (SameSite=None would
/// send the state binding with every cross-site request, for every provider), the callback answers that first POST with a small page of its
/// own that POSTs the same response fields to the same address at once. That second POST comes from this site's own page, so it carries the
/// cookies and is checked exactly like any callback: state bound to this browser, single use, fresh; PKCE and nonce as declared. Nothing
/// of the first POST is used or stored. A request can skip the page by carrying the relay field itself, but then it is simply a cross-site
/// POST without cookies again and fails the state check. Only providers whose declaration sends <c>response_mode=form_post</c> get the page.</summary>
internal static class FormPostRelay
{
    /// <summary>The field the relay page adds, so its own POST is not relayed again.</summary>
    public const string Field = "daemun_relay";

    private const string Script = "document.forms[0].submit();";

    private static readonly string Policy =
        $"default-src 'none'; script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)))}'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Whether <paramref name="p"/> asks for form_post responses.</summary>
    public static bool Applies(ProviderOptions p) =>
        p.AuthorizationParameters.TryGetValue("response_mode", out var mode) && string.Equals(mode, "form_post", StringComparison.Ordinal);

    /// <summary>The relay page when this is the provider's own (first) POST of a form_post response; null when the callback should go on.</summary>
    public static IResult? Page(HttpContext context, ProviderOptions p, IReadOnlyDictionary<string, string> fields, bool relayed)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || relayed || !Applies(p)) return null;
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\"><title>…</title></head><body>");
        html.Append("<form method=\"post\" action=\"").Append(HtmlEncoder.Default.Encode($"{context.Request.PathBase}{context.Request.Path}")).Append("\">");
        foreach (var (name, value) in fields)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(HtmlEncoder.Default.Encode(name))
                .Append("\" value=\"").Append(HtmlEncoder.Default.Encode(value)).Append("\">");
        }
        html.Append("<input type=\"hidden\" name=\"").Append(Field).Append("\" value=\"1\">");
        html.Append("<noscript><button type=\"submit\">Continue</button></noscript></form><script>").Append(Script).Append("</script></body></html>");
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = Policy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}

using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Daemun.Pages;

/// <summary>Server-rendered HTML: every dynamic value goes through <see cref="E"/>; pages carry a strict CSP and no-store.</summary>
internal static class Html
{
    /// <summary>Encodes markup characters only; Hangul and other scripts stay readable in the source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>HTML-encodes text or an attribute value.</summary>
    public static string E(string? value) => Encoder.Encode(value ?? "");

    /// <summary>The two hidden fields every form posting to Daemun carries: the CSRF token and where to go afterwards.</summary>
    public static string FormFields(string csrfToken, string callbackUrl) =>
        $"<input type=\"hidden\" name=\"csrfToken\" value=\"{E(csrfToken)}\">\n<input type=\"hidden\" name=\"callbackUrl\" value=\"{E(callbackUrl)}\">";

    /// <summary>An HTML answer with security headers.</summary>
    public static IResult Page(HttpContext context, string html, int status = 200)
    {
        var h = context.Response.Headers;
        h.CacheControl = "no-store";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https: http:; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The shared layout.</summary>
    public static string Layout(string title, string body, string lang) => $$"""
        <!doctype html>
        <html lang="{{E(lang)}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>{{E(title)}}</title>
        <style>
        :root { font-family: system-ui, -apple-system, "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; color-scheme: light dark; }
        body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
        main { width: min(360px, calc(100vw - 32px)); padding: 32px 0; }
        h1 { font-size: 1.4rem; margin: 0 0 8px; text-align: center; overflow-wrap: anywhere; }
        img.logo { display: block; margin: 0 auto 12px; border-radius: 12px; object-fit: contain; }
        p.switch { text-align: center; margin: 20px 0 0; }
        a { color: LinkText; }
        label { display: block; font-weight: 600; margin: 0 0 6px; }
        input[type=text], input[type=email] { box-sizing: border-box; width: 100%; min-height: 44px; padding: 8px 12px; border: 1px solid GrayText; border-radius: 10px; font-size: 1rem; background: Field; color: FieldText; margin: 0 0 16px; }
        p.lead { text-align: center; margin: 0 0 24px; }
        form { margin: 0 0 12px; }
        button.provider { display: flex; align-items: center; justify-content: center; gap: 10px; width: 100%; min-height: 48px; border-radius: 12px; border: 1px solid transparent; font-size: 1rem; font-weight: 600; cursor: pointer; }
        button.provider svg { width: 20px; height: 20px; flex: none; }
        button.provider:focus-visible, a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
        .notice { border: 1px solid #d97706; background: rgba(217,119,6,.08); border-radius: 8px; padding: 10px 12px; font-size: .9rem; margin-bottom: 20px; }
        .error { border: 1px solid #dc2626; background: rgba(220,38,38,.08); border-radius: 8px; padding: 10px 12px; margin-bottom: 20px; }
        code { font-size: .85rem; }
        a.button, button.plain { display: inline-block; padding: 10px 16px; border-radius: 10px; border: 1px solid currentColor; background: transparent; color: inherit; text-decoration: none; font-size: 1rem; cursor: pointer; }
        </style>
        </head>
        <body><main>
        {{body}}
        </main></body>
        </html>
        """;
}

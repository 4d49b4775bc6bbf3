using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Daemun.Sessions;
using Microsoft.Extensions.Options;

namespace Daemun.Server;

/// <summary>The standalone server's own pages: a home page that shows who is signed in (in the request's language, from Daemun's
/// <c>home.*</c> strings), and protected JSON endpoints.</summary>
internal static class HomePages
{
    public static void MapHomePages(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DaemunOptions>>().Value;
        app.MapGet("/", (HttpContext context) =>
        {
            var user = context.User;
            var root = context.Request.PathBase + options.BasePath;
            var body = user.Identity?.IsAuthenticated == true ? SignedIn(context, user, root) : SignedOut(context, root, options.ServiceName);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(Page(context, options.ServiceName, body), "text/html; charset=utf-8");
        });
        app.MapGet("/me", (ClaimsPrincipal user) => Results.Json(new
        {
            id = user.FindFirstValue(ClaimTypes.NameIdentifier),
            name = user.FindFirstValue(ClaimTypes.Name),
            email = user.FindFirstValue(ClaimTypes.Email),
            image = user.FindFirstValue(DaemunDefaults.ImageClaim),
        })).RequireAuthorization();
        // a sensitive page: the person must have authenticated at their provider within the last 5 minutes (Naver guide: personal data)
        app.MapGet("/me/private", (ClaimsPrincipal user) => Results.Json(new
        {
            id = user.FindFirstValue(ClaimTypes.NameIdentifier),
            provider = user.FindFirstValue(DaemunDefaults.ProviderClaim),
            authenticatedAt = user.FindFirstValue(DaemunDefaults.AuthTimeClaim),
        })).RequireRecentSignIn(TimeSpan.FromMinutes(5));
    }

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string? s) => Encoder.Encode(s ?? "");

    private static string SignedIn(HttpContext context, ClaimsPrincipal user, string auth)
    {
        string T(string key, params object?[] args) => context.GetDaemunText(key, args);
        var image = user.FindFirstValue(DaemunDefaults.ImageClaim);
        var name = $"<span id=\"user-name\">{E(user.Identity!.Name ?? T("home.noName"))}</span>";
        var hello = T("home.hello", "\u0001").Split('\u0001'); // the greeting's words around the name, each encoded
        return $"""
            {(image is null ? "" : $"<img src=\"{E(image)}\" alt=\"\" width=\"64\" height=\"64\" style=\"border-radius:50%\">")}
            <h1 id="signed-in">{E(hello[0])}{name}{E(hello[^1])}</h1>
            <p>{E(user.FindFirstValue(ClaimTypes.Email) ?? T("home.noEmail"))}</p>
            <p><small>{E(T("home.userId"))}: <code id="user-id">{E(user.FindFirstValue(ClaimTypes.NameIdentifier))}</code></small></p>
            <p><a id="account" href="{E(auth)}/account">{E(T("home.account"))}</a></p>
            <form method="post" action="{E(auth)}/signout">
            <input type="hidden" name="csrfToken" value="{E(context.GetDaemunCsrfToken())}">
            <input type="hidden" name="callbackUrl" value="/">
            <button type="submit" id="sign-out">{E(T("home.signOut"))}</button>
            </form>
            """;
    }

    private static string SignedOut(HttpContext context, string auth, string serviceName) => $"""
        <h1>{E(serviceName)}</h1>
        <p>{E(context.GetDaemunText("home.signedOut"))}</p>
        <p><a id="sign-in" href="{E(auth)}/signin">{E(context.GetDaemunText("home.signIn"))}</a> · <a id="sign-up" href="{E(auth)}/signup">{E(context.GetDaemunText("home.signUp"))}</a></p>
        """;

    private static string Page(HttpContext context, string serviceName, string body) => $$"""
        <!doctype html><html lang="{{E(context.GetDaemunLanguage())}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(serviceName)}}</title><style>body{font-family:system-ui,sans-serif;max-width:520px;margin:64px auto;padding:0 16px;color-scheme:light dark}</style></head>
        <body>{{body}}</body></html>
        """;
}

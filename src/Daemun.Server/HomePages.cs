using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Daemun;
using Daemun.Sessions;
using Microsoft.Extensions.Options;

namespace Daemun.Server;

/// <summary>The standalone server's own pages: a home page that shows who is signed in, and a protected JSON endpoint.</summary>
internal static class HomePages
{
    public static void MapHomePages(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<DaemunOptions>>().Value.BasePath;
        app.MapGet("/", (HttpContext context) =>
        {
            var user = context.User;
            var root = context.Request.PathBase + auth;
            var body = user.Identity?.IsAuthenticated == true ? SignedIn(context, user, root) : SignedOut(root);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(Page(body), "text/html; charset=utf-8");
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
        var image = user.FindFirstValue(DaemunDefaults.ImageClaim);
        return $"""
            {(image is null ? "" : $"<img src=\"{E(image)}\" alt=\"\" width=\"64\" height=\"64\" style=\"border-radius:50%\">")}
            <h1 id="signed-in">안녕하세요, <span id="user-name">{E(user.Identity!.Name ?? "(이름 없음)")}</span>님</h1>
            <p>{E(user.FindFirstValue(ClaimTypes.Email) ?? "이메일 없음 / no email")}</p>
            <p><small>User id: <code>{E(user.FindFirstValue(ClaimTypes.NameIdentifier))}</code></small></p>
            <form method="post" action="{E(auth)}/signout">
            <input type="hidden" name="csrfToken" value="{E(context.GetDaemunCsrfToken())}">
            <input type="hidden" name="callbackUrl" value="/">
            <button type="submit" id="sign-out">로그아웃 / Sign out</button>
            </form>
            """;
    }

    private static string SignedOut(string auth) => $"""
        <h1>Daemun</h1>
        <p>로그인하지 않았습니다 / You are not signed in.</p>
        <p><a id="sign-in" href="{E(auth)}/signin">로그인 / Sign in</a></p>
        """;

    private static string Page(string body) => $$"""
        <!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Daemun</title><style>body{font-family:system-ui,sans-serif;max-width:520px;margin:64px auto;padding:0 16px;color-scheme:light dark}</style></head>
        <body>{{body}}</body></html>
        """;
}

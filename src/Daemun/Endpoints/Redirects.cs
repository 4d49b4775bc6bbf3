using Microsoft.AspNetCore.Http;

namespace Daemun.Endpoints;

/// <summary>Redirect answers, every one through <see cref="Urls.ForHeader"/>, so no URL can break or inject into the <c>Location</c> header.</summary>
internal static class Redirects
{
    /// <summary>A 302; clients that send <c>X-Auth-Return-Redirect: 1</c> (Auth.js's client) get <c>{"url":"…"}</c> instead.</summary>
    public static IResult To(HttpContext context, string url) =>
        context.Request.Headers["X-Auth-Return-Redirect"] == "1" ? Results.Json(new { url = Urls.ForHeader(url) }) : Plain(url);

    /// <summary>A 302 to <paramref name="url"/> in its header-safe form.</summary>
    public static IResult Plain(string url) => Results.Redirect(Urls.ForHeader(url));
}

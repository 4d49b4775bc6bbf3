using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Daemun.Sessions;

/// <summary>Writes Daemun's cookies: always HttpOnly and SameSite=Lax on path <c>/</c>; over https also Secure with the <c>__Host-</c> prefix.</summary>
internal sealed class DaemunCookies(IOptions<DaemunOptions> options)
{
    public const string Session = "daemun.session-token";
    public const string State = "daemun.state";
    public const string Csrf = "daemun.csrf-token";

    public bool IsSecure(HttpContext context) =>
        options.Value.UseSecureCookies
        ?? (options.Value.BaseUrl is { } baseUrl ? baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) : context.Request.IsHttps);

    public string Name(HttpContext context, string name) => IsSecure(context) ? "__Host-" + name : name;

    public string? Read(HttpContext context, string name) => context.Request.Cookies[Name(context, name)];

    public void Write(HttpContext context, string name, string value, TimeSpan maxAge) =>
        context.Response.Cookies.Append(Name(context, name), value, Options(context, maxAge));

    public void Delete(HttpContext context, string name) =>
        context.Response.Cookies.Delete(Name(context, name), Options(context, null));

    private CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = IsSecure(context),
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };
}

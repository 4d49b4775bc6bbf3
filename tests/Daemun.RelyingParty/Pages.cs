using System.Net;
using System.Security.Claims;
using System.Text;

namespace Daemun.RelyingParty;

/// <summary>The app's few pages: plain HTML whose elements have stable ids, so a browser test can read what the app knows.</summary>
internal static class Pages
{
    /// <summary>The claims the <c>/me</c> page shows, one element each (<c>id</c> = the claim's name; <c>providers</c> is a list).</summary>
    private static readonly string[] Shown = ["sub", "name", "email", "email_verified", "picture", "auth_time"];

    public static IResult Home(ClaimsPrincipal user) => Html("Relying party", user.Identity?.IsAuthenticated == true
        ? $"""<p id="signed-in">Signed in as <span id="user-name">{Encode(user.FindFirstValue("name"))}</span></p><a id="me" href="/me">Me</a>"""
        : """<p id="signed-out">Not signed in.</p><a id="sign-in" href="/me">Sign in</a>""");

    public static IResult Me(ClaimsPrincipal user)
    {
        var body = new StringBuilder("<dl>");
        foreach (var type in Shown)
        {
            body.Append(CultureInvariant($"""<dt>{type}</dt><dd id="{type}">{Encode(user.FindFirstValue(type))}</dd>"""));
        }
        body.Append("""<dt>providers</dt><dd><ul id="providers">""");
        foreach (var provider in user.FindAll("providers")) body.Append(CultureInvariant($"<li>{Encode(provider.Value)}</li>"));
        body.Append("</ul></dd></dl>");
        body.Append("""<a id="call-api" href="/call-api">Call the API</a>""");
        body.Append("""<form method="post" action="/logout"><button id="sign-out" type="submit">Sign out</button></form>""");
        return Html("Me", body.ToString());
    }

    public static IResult Error(string? message) => Html("Sign-in failed", $"""<p id="error">{Encode(message)}</p><a id="home" href="/">Home</a>""");

    public static IResult ApiResult(int status, string body, string? challenge) => Html("API", CultureInvariant(
        $"""<p>Status <span id="api-status">{status}</span></p><pre id="api-body">{Encode(body)}</pre><pre id="api-error">{Encode(challenge)}</pre>"""));

    private static IResult Html(string title, string body) =>
        Results.Content($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8");

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}

using System.Text;
using Daemun.Localization;
using static Daemun.Pages.Html;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>The consent page a third-party app's authorization request shows: the app's name and logo, who is signed in, each requested
/// scope in plain words, and Allow / Deny. Both buttons submit one form that POSTs back to the authorize endpoint with every parameter of
/// the authorization request as hidden fields, the CSRF token and <c>consent=allow|deny</c> (read by <see cref="ConsentDecision"/>).</summary>
internal static class ConsentPage
{
    /// <summary>The page's HTML in <paramref name="text"/>'s language.</summary>
    public static string Render(PageText text, string serviceName, ConsentView view)
    {
        var t = text;
        var app = view.AppName;
        var body = new StringBuilder();
        if (SafeLogo(view.AppLogoUri) is { } logo)
        {
            // decorative: the app's name follows as the heading
            body.Append($"<img class=\"logo\" id=\"consent-logo\" src=\"{E(logo)}\" alt=\"\" width=\"64\" height=\"64\" referrerpolicy=\"no-referrer\">");
        }
        body.Append($"<h1 id=\"consent-app\">{E(app)}</h1>");
        body.Append($"<p class=\"lead\" id=\"consent-lead\">{E(t.T("consent.app.lead", app, serviceName))}</p>");
        var who = string.Join(" · ", new[] { view.PersonName, view.PersonEmail }.Where(v => !string.IsNullOrWhiteSpace(v)));
        if (who.Length > 0)
        {
            body.Append($"<p id=\"consent-person\" style=\"text-align:center;font-size:.9rem;overflow-wrap:anywhere\">{E(t.T("consent.app.signedInAs", who))}</p>");
        }
        body.Append($"<p style=\"font-weight:600;margin:16px 0 8px\">{E(t.T("consent.app.scopes", app))}</p><ul id=\"consent-scopes\" style=\"margin:0 0 16px;padding-left:20px\">");
        foreach (var scope in ScopeWords.Ordered(view.Scopes))
        {
            body.Append($"<li data-scope=\"{E(scope)}\">{E(ScopeWords.Describe(t, serviceName, scope, view.ApiScopes))}</li>");
        }
        body.Append("</ul>");
        body.Append($"<p style=\"font-size:.85rem\" id=\"consent-note\">{E(t.T("consent.app.note"))}</p>");
        body.Append($"<form method=\"post\" action=\"{E(view.Action)}\" id=\"consent-form\">");
        foreach (var (name, value) in view.Parameters)
        {
            if (ConsentDecision.IsFormField(name)) continue; // the form's own fields come once, below
            body.Append($"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
        }
        body.Append($"<input type=\"hidden\" name=\"{ConsentDecision.CsrfField}\" value=\"{E(view.CsrfToken)}\">");
        body.Append($"""
            <div style="display:flex;gap:12px;margin-top:8px">
            <button type="submit" name="{ConsentDecision.Field}" value="deny" class="plain" id="consent-deny" style="flex:1">{E(t.T("consent.app.deny"))}</button>
            <button type="submit" name="{ConsentDecision.Field}" value="allow" class="plain" id="consent-allow" style="flex:1;background:#2563eb;border-color:#2563eb;color:#fff;font-weight:600">{E(t.T("consent.app.allow"))}</button>
            </div></form>
            """);
        if (view.SignOutUrl is { } signOut)
        {
            body.Append($"<p class=\"switch\"><a id=\"consent-not-you\" href=\"{E(signOut)}\">{E(t.T("consent.app.notYou"))}</a></p>");
        }
        return Layout($"{serviceName} — {t.T("consent.app.title", app)}", body.ToString(), t.Language);
    }

    /// <summary>The logo URL when it may be shown: an absolute https URL, or http on a loopback host (a developer's machine); anything else
    /// (a relative, <c>data:</c>, <c>javascript:</c> or plain-http URL, or one with user info) is not shown.</summary>
    public static string? SafeLogo(string? logoUri)
    {
        if (string.IsNullOrWhiteSpace(logoUri) || !Uri.TryCreate(logoUri, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0) return null;
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback) ? uri.AbsoluteUri : null;
    }
}

using System.Globalization;
using System.Text;
using Daemun.Endpoints;
using Daemun.Localization;
using Daemun.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static Daemun.Pages.Html;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>The account page's "connected apps" section: each app the person consented to, with what it may access, since when, and a
/// Disconnect button (a CSRF form POSTing to <see cref="ConnectedAppsEndpoint.Path"/>); after a disconnect, a notice naming the app.
/// Shown when the person has connected apps or a third-party app is configured (otherwise there is nothing to manage).</summary>
internal sealed class ConnectedAppsSection(ConsentStore consents, IOpenIddictApplicationManager applications, Urls urls,
    IOptions<OpenIdProviderOptions> provider, IOptions<DaemunOptions> daemun) : IAccountPageSection
{
    /// <summary>The account page's <c>done</c> value after a disconnect (with <c>client={clientId}</c>).</summary>
    public const string DoneValue = "appDisconnected";

    public async Task<string?> RenderAsync(HttpContext context, string userId, PageText text, string csrfToken, CancellationToken cancellationToken)
    {
        var apps = await consents.ListAsync(userId, cancellationToken);
        if (apps.Count == 0 && provider.Value.Clients.Values.All(c => c.FirstParty)) return null;
        var t = text;
        var serviceName = daemun.Value.ServiceName;
        var body = new StringBuilder();
        body.Append($"<section id=\"connected-apps\"><h2 style=\"font-size:1.1rem\">{E(t.T("connectedApps.title"))}</h2>");
        if (await DisconnectedAppAsync(context, cancellationToken) is { } disconnected)
        {
            body.Append($"<div class=\"notice\" role=\"status\" id=\"connected-apps-notice\">{E(t.T("connectedApps.revoked", disconnected))}</div>");
        }
        if (apps.Count == 0)
        {
            body.Append($"<p style=\"font-size:.9rem\" id=\"connected-apps-none\">{E(t.T("connectedApps.none"))}</p></section>");
            return body.ToString();
        }
        body.Append($"<p style=\"font-size:.9rem\">{E(t.T("connectedApps.lead"))}</p><ul id=\"connected-apps-list\" style=\"list-style:none;padding:0;margin:0 0 24px\">");
        var culture = CultureInfo.GetCultureInfo(t.Language);
        foreach (var app in apps)
        {
            body.Append($"<li data-client=\"{E(app.ClientId)}\" style=\"border:1px solid rgba(128,128,128,.4);border-radius:10px;padding:12px;margin-bottom:12px;overflow-wrap:anywhere\">");
            body.Append($"<strong>{E(app.Name)}</strong>");
            if (app.ConnectedAt is { } at)
            {
                body.Append($"<div style=\"font-size:.85rem\">{E(t.T("connectedApps.since", at.UtcDateTime.ToString("d", culture)))}</div>");
            }
            body.Append("<ul class=\"scopes\" style=\"margin:8px 0;padding-left:20px;font-size:.9rem\">");
            foreach (var scope in app.Scopes)
            {
                body.Append($"<li data-scope=\"{E(scope)}\">{E(ScopeWords.Describe(t, serviceName, scope, provider.Value.ApiScopes))}</li>");
            }
            body.Append($"""
                </ul>
                <form method="post" action="{E(urls.Path(context, ConnectedAppsEndpoint.Path(app.AuthorizationId)))}" style="margin:8px 0 0">
                <input type="hidden" name="csrfToken" value="{E(csrfToken)}">
                <button type="submit" class="plain" data-revoke="{E(app.ClientId)}">{E(t.T("connectedApps.revoke", app.Name))}</button>
                </form></li>
                """);
        }
        body.Append("</ul></section>");
        return body.ToString();
    }

    /// <summary>The name of the app just disconnected (<c>?done=appDisconnected&amp;client={clientId}</c>), when the client id is a known app.</summary>
    private async Task<string?> DisconnectedAppAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var query = RequestInput.Query(context);
        if (RequestInput.Value(query["done"], "done", 32) != DoneValue || RequestInput.Value(query["client"], "client", 200) is not { Length: > 0 } clientId) return null;
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return null;
        var name = await applications.GetDisplayNameAsync(application, cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? clientId : name;
    }
}

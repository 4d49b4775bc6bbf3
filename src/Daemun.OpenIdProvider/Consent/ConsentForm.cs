using System.Collections.Immutable;
using Daemun.Localization;
using Daemun.OpenIdProvider.Clients;
using Daemun.Pages;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static Daemun.Pages.Html;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>The consent page of a third-party app: a form that posts the authorization request back with <c>consent=allow|deny</c> and the
/// CSRF token.</summary>
internal sealed class ConsentForm(CsrfTokens csrf, RequestLanguage language, IOptions<DaemunOptions> options)
{
    public IResult Render(HttpContext context, OpenIddictRequest request, OidcClient client, UserRecord user, ImmutableArray<string> scopes)
    {
        var t = language.For(context);
        var fields = new System.Text.StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is "csrfToken" or "consent") continue;
            fields.Append($"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value.ToString())}\">");
        }
        var body = $"""
            <h1 id="consent-app">{E(client.DisplayName)}</h1>
            <p id="consent-user">{E(user.Name ?? user.Email ?? user.Id)}</p>
            <ul id="consent-scopes">{string.Concat(scopes.Select(s => $"<li>{E(s)}</li>"))}</ul>
            <form method="post" action="{E(context.Request.PathBase + context.Request.Path)}">
            <input type="hidden" name="csrfToken" value="{E(csrf.GetOrCreate(context))}">{fields}
            <button type="submit" name="consent" value="allow" id="consent-allow">Allow</button>
            <button type="submit" name="consent" value="deny" id="consent-deny">Deny</button>
            </form>
            """;
        return Html.Page(context, Layout($"{options.Value.ServiceName} — {client.DisplayName}", body, t.Language));
    }
}

using Daemun.Endpoints;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Pages;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using static Daemun.Pages.Html;

namespace Daemun.OpenIdProvider.Endpoints;

/// <summary>The OpenID Provider's own pages: the refusal of a request that cannot go back to the app, and the sign-out confirmation.</summary>
internal static class OidcPages
{
    /// <summary>Daemun's localized error page (<see cref="ErrorCode.ClientRejected"/>, 400): an unknown client or an unregistered
    /// redirect_uri / post_logout_redirect_uri is never redirected to.</summary>
    public static IResult Rejected(HttpContext context, RequestLanguage language, DaemunOptions options, Urls urls) =>
        Html.Page(context, ErrorPage.Render(language.For(context), options.ServiceName, ErrorCode.ClientRejected, urls.Path(context, "signin")),
            ErrorCodes.StatusCode(ErrorCode.ClientRejected));

    /// <summary>"Sign out of {service}?" for an end-session request without a usable <c>id_token_hint</c>: a CSRF-protected form that posts
    /// the request back.</summary>
    public static IResult ConfirmSignOut(HttpContext context, RequestLanguage language, DaemunOptions options, OpenIddictRequest request, string csrfToken)
    {
        var t = language.For(context);
        var fields = new System.Text.StringBuilder();
        foreach (var (name, value) in RequestParameters.Of(request, name => name is "csrfToken" or "confirm"))
        {
            fields.Append($"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
        }
        var body = $"""
            <h1>{E(options.ServiceName)}</h1><p class="lead">{E(t.T("signout.title"))}</p>
            <form method="post" action="{E(context.Request.PathBase + context.Request.Path)}">
            <input type="hidden" name="csrfToken" value="{E(csrfToken)}"><input type="hidden" name="confirm" value="yes">{fields}
            <button type="submit" id="oidc-signout">{E(t.T("signout.button"))}</button>
            </form>
            """;
        return Html.Page(context, Layout($"{options.ServiceName} — {t.T("signout.title")}", body, t.Language));
    }
}

using Daemun.Localization;
using Daemun.Providers;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The step-up page: confirm it is you with your provider before a sensitive page.</summary>
internal static class ReauthenticatePage
{
    public static string Render(PageText t, string serviceName, IEnumerable<ProviderOptions> providers, Func<ProviderOptions, string> startPath,
        string csrfToken, string callbackUrl, string? name) => Layout($"{serviceName} — {t.T("reauth.title")}", $"""
        <h1>{E(t.T("reauth.title"))}</h1>
        <p class="lead">{E(name is null ? t.T("reauth.lead") : t.T("reauth.leadNamed", name))}</p>
        {string.Concat(providers.Select(p => $"""
        <form method="post" action="{E(startPath(p))}">
        {FormFields(csrfToken, callbackUrl)}
        <input type="hidden" name="reauthenticate" value="true">
        <button type="submit" class="plain" id="reauthenticate-{E(p.Id)}">{E(t.T("reauth.button", t.ProviderName(p)))}</button>
        </form>
        """))}
        """, t.Language);
}

using Daemun.Localization;
using Daemun.Providers;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>Why a sign-in stopped: the person declined items the app requires; a button asks the provider again.</summary>
internal static class ConsentPage
{
    public static string Render(PageText t, string serviceName, ProviderOptions provider, IReadOnlyList<string> missing, string startPath, string csrfToken, string callbackUrl) =>
        Layout($"{serviceName} — {t.T("consent.title")}", $"""
        <h1>{E(t.T("consent.title"))}</h1>
        <p class="lead">{E(t.T("consent.lead", serviceName, t.ProviderName(provider)))}</p>
        <ul id="missing-items">{string.Concat(missing.Select(m => $"<li><code>{E(m)}</code></li>"))}</ul>
        <form method="post" action="{E(startPath)}">
        {FormFields(csrfToken, callbackUrl)}
        <input type="hidden" name="reprompt" value="true">
        <button type="submit" class="plain" id="reprompt">{E(t.T("consent.button", t.ProviderName(provider)))}</button>
        </form>
        """, t.Language);
}

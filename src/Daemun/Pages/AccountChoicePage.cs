using Daemun.Localization;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>Asked when someone signed in signs in with a provider account nobody has linked, without having asked to link it: link it to the
/// signed-in user, or sign out and continue with it. Two CSRF-checked forms; nothing was written before the answer.</summary>
internal static class AccountChoicePage
{
    /// <summary>The page's HTML. <paramref name="providerName"/> is the provider's display name, <paramref name="userName"/> the signed-in user's.</summary>
    public static string Render(PageText t, string serviceName, string providerName, string userName, string action, string csrfToken) =>
        Layout($"{serviceName} — {t.T("choice.title")}", $"""
        <h1>{E(t.T("choice.title"))}</h1>
        <p class="lead" id="choice-lead">{E(t.T("choice.lead", providerName, userName))}</p>
        <form method="post" action="{E(action)}">
        <input type="hidden" name="csrfToken" value="{E(csrfToken)}">
        <input type="hidden" name="answer" value="link">
        <button type="submit" class="plain" id="choice-link">{E(t.T("choice.link", providerName, userName))}</button>
        </form>
        <form method="post" action="{E(action)}">
        <input type="hidden" name="csrfToken" value="{E(csrfToken)}">
        <input type="hidden" name="answer" value="new">
        <button type="submit" class="plain" id="choice-new">{E(t.T("choice.new"))}</button>
        </form>
        <p style="font-size:.9rem" id="choice-hint">{E(t.T("choice.hint", providerName, userName))}</p>
        """, t.Language);
}

using Daemun.Localization;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>A confirmation page for a destructive account action: a question, a CSRF form that POSTs it, and a way back.</summary>
internal static class AccountConfirmPage
{
    /// <summary>The page's HTML.</summary>
    public static string Render(PageText t, string serviceName, string title, string question, string button, string action, string csrfToken,
        string callbackUrl, string cancelPath) => Layout($"{serviceName} — {title}", $"""
        <h1>{E(title)}</h1>
        <p class="lead" id="confirm-question">{E(question)}</p>
        <form method="post" action="{E(action)}">
        {FormFields(csrfToken, callbackUrl)}
        <button type="submit" class="plain" id="confirm">{E(button)}</button>
        </form>
        <p><a href="{E(cancelPath)}" id="cancel">{E(t.T("account.cancel"))}</a></p>
        """, t.Language);
}

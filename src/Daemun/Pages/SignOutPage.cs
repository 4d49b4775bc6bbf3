using Daemun.Localization;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The sign-out confirmation page.</summary>
internal static class SignOutPage
{
    public static string Render(PageText t, string serviceName, string signOutPath, string csrfToken, string callbackUrl) => Layout($"{serviceName} — {t.T("signout.title")}", $"""
        <h1>{E(t.T("signout.title"))}</h1>
        <p class="lead">{E(t.T("signout.question"))}</p>
        <form method="post" action="{E(signOutPath)}">
        {FormFields(csrfToken, callbackUrl)}
        <button type="submit" class="plain">{E(t.T("signout.button"))}</button>
        <button type="submit" class="plain" name="everywhere" value="true">{E(t.T("signout.everywhere"))}</button>
        </form>
        """, t.Language);
}

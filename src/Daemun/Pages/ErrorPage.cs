using Daemun.Errors;
using Daemun.Localization;
using Daemun.Providers;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The error page: what happened and what to do next, the code, and a way back. Never a stack trace. A provider's refusal with a
/// listed code (<see cref="ProviderRefusals"/>) adds what the provider said, in this site's words; never the provider's own text.</summary>
internal static class ErrorPage
{
    public static string Render(PageText t, string serviceName, ErrorCode code, string signInPath, string? listedProviderError = null) => Layout($"{serviceName} — {t.T("error.title")}", $"""
        <h1>{E(t.T("error.title"))}</h1>
        <div class="error" role="alert"><p id="error-message">{E(t.Error(code))}</p>{ProviderSaid(t, listedProviderError)}<p>{E(t.T("error.code"))}: <code id="error-code">{E(code.ToString())}</code></p></div>
        <p><a class="button" href="{E(signInPath)}">{E(t.T("error.back"))}</a></p>
        """, t.Language);

    /// <summary>The sentence for a listed provider code (the caller checked it against <see cref="ProviderRefusals"/>); nothing without one.</summary>
    private static string ProviderSaid(PageText t, string? listedCode) => listedCode is null ? "" :
        $"<p id=\"provider-error\">{E(t.T(ProviderRefusals.Key(listedCode)))} <code id=\"provider-error-code\">{E(listedCode)}</code></p>";
}

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

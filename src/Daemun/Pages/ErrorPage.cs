using Daemun.Errors;
using Daemun.Localization;
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

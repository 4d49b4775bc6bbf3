using System.Text;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Providers;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The sign-in page: one brand-styled button per provider, each a CSRF-protected form; works without JavaScript.</summary>
internal sealed record SignInPage(
    PageText Text,
    string ServiceName,
    IReadOnlyList<ProviderOptions> Providers,
    string CsrfToken,
    string CallbackUrl,
    ErrorCode? Error,
    Func<ProviderOptions, string> SignInPath)
{
    public string Render()
    {
        var body = new StringBuilder();
        var t = Text;
        body.Append($"<h1>{E(ServiceName)}</h1><p class=\"lead\">{E(t.T("signin.title"))}</p>");
        if (Error == ErrorCode.AccessDenied)
        {
            // the person cancelled at the provider: a gentle notice, not an error
            body.Append($"<div class=\"notice\" role=\"status\" id=\"signin-notice\">{E(t.Error(ErrorCode.AccessDenied))}</div>");
        }
        else if (Error is { } error)
        {
            body.Append($"<div class=\"error\" role=\"alert\">{E(t.Error(error))} <code>{E(error.ToString())}</code></div>");
        }
        var emulated = Providers.Where(p => p.IsEmulated).Select(t.ProviderName).ToList();
        if (emulated.Count > 0)
        {
            body.Append($"<div class=\"notice\" role=\"note\">{E(t.T("signin.emulated", string.Join(", ", emulated)))}</div>");
        }
        foreach (var p in Providers)
        {
            var s = p.Style;
            var border = s.Border is null ? "transparent" : s.Border;
            body.Append($"""
                <form method="post" action="{E(SignInPath(p))}">
                <input type="hidden" name="csrfToken" value="{E(CsrfToken)}">
                <input type="hidden" name="callbackUrl" value="{E(CallbackUrl)}">
                <button type="submit" class="provider" data-provider="{E(p.Id)}" style="background:{E(s.Background)};color:{E(s.Text)};border-color:{E(border)}">{s.LogoSvg}<span>{E(t.T("signin.button", t.ProviderName(p)))}</span></button>
                </form>
                """);
        }
        return Layout($"{ServiceName} — {t.T("signin.title")}", body.ToString(), t.Language);
    }
}

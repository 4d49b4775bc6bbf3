using System.Text;
using Daemun.Errors;
using Daemun.Providers;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The sign-in page: one brand-styled button per provider, each a CSRF-protected form; works without JavaScript.</summary>
internal sealed record SignInPage(
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
        body.Append($"<h1>{E(ServiceName)}</h1><p class=\"lead\">로그인 / Sign in</p>");
        if (Error is { } error) body.Append($"<div class=\"error\" role=\"alert\">{E(ErrorCodes.Message(error))} <code>{E(error.ToString())}</code></div>");
        var emulated = Providers.Where(p => p.IsEmulated).Select(p => p.Name).ToList();
        if (emulated.Count > 0)
        {
            body.Append($"<div class=\"notice\" role=\"note\">개발용 에뮬레이터 사용 중: {E(string.Join(", ", emulated))} — no real credentials are configured, so these buttons sign in at the local provider emulator.</div>");
        }
        foreach (var p in Providers)
        {
            var s = p.Style;
            var border = s.Border is null ? "transparent" : s.Border;
            body.Append($"""
                <form method="post" action="{E(SignInPath(p))}">
                <input type="hidden" name="csrfToken" value="{E(CsrfToken)}">
                <input type="hidden" name="callbackUrl" value="{E(CallbackUrl)}">
                <button type="submit" class="provider" data-provider="{E(p.Id)}" style="background:{E(s.Background)};color:{E(s.Text)};border-color:{E(border)}">{s.LogoSvg}<span>{E(p.Name)} 로그인</span></button>
                </form>
                """);
        }
        return Layout($"{ServiceName} — 로그인", body.ToString());
    }
}

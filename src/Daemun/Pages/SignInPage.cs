using System.Text;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Providers;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The sign-in page and its sign-up variant: the service's logo and name, one brand-styled button per provider (each a CSRF-protected
/// form, so it works without JavaScript), and a link to the other variant. Both start the same sign-in; only the words differ.
/// A <c>login_hint</c> (from an app's OpenID Connect request) rides along in every form and is passed to providers that take one.</summary>
internal sealed record SignInPage(
    PageText Text,
    string ServiceName,
    string? LogoUrl,
    bool SignUp,
    IReadOnlyList<ProviderOptions> Providers,
    string CsrfToken,
    string CallbackUrl,
    ErrorCode? Error,
    Func<ProviderOptions, string> SignInPath,
    string OtherVariantPath,
    string? LoginHint = null)
{
    public string Render()
    {
        var body = new StringBuilder();
        var t = Text;
        var title = t.T(SignUp ? "signup.title" : "signin.title");
        if (LogoUrl is { } logo) body.Append($"<img class=\"logo\" src=\"{E(logo)}\" alt=\"\" width=\"64\" height=\"64\">");
        body.Append($"<h1>{E(ServiceName)}</h1><p class=\"lead\">{E(title)}</p>");
        if (SignUp) body.Append($"<p class=\"lead\" id=\"signup-lead\">{E(t.T("signup.lead"))}</p>");
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
        var label = SignUp ? "signup.button" : "signin.button";
        foreach (var p in Providers)
        {
            var s = p.Style;
            var border = s.Border is null ? "transparent" : s.Border;
            body.Append($"""
                <form method="post" action="{E(SignInPath(p))}">
                {FormFields(CsrfToken, CallbackUrl)}{(LoginHint is null ? "" : $"<input type=\"hidden\" name=\"login_hint\" value=\"{E(LoginHint)}\">")}
                <button type="submit" class="provider" data-provider="{E(p.Id)}" style="background:{E(s.Background)};color:{E(s.Text)};border-color:{E(border)}">{s.LogoSvg}<span>{E(t.T(label, t.ProviderName(p)))}</span></button>
                </form>
                """);
        }
        body.Append($"<p class=\"switch\"><a id=\"{(SignUp ? "to-signin" : "to-signup")}\" href=\"{E(OtherVariantPath)}\">{E(t.T(SignUp ? "signup.toSignIn" : "signin.toSignUp"))}</a></p>");
        return Layout($"{ServiceName} — {title}", body.ToString(), t.Language);
    }
}

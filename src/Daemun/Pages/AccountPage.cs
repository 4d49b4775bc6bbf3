using System.Text;
using Daemun.Errors;
using Daemun.Localization;
using Daemun.Providers;
using Daemun.Storage;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The account page: profile, every configured provider (linked with disconnect, or a connect form that starts a sign-in with
/// <c>intent=link</c>, the only way a new account is linked to the signed-in user), a notice, the sections of add-ons
/// (<see cref="IAccountPageSection"/>, e.g. connected apps), and account deletion.</summary>
internal sealed record AccountPage(
    PageText Text,
    string ServiceName,
    AccountProfile Profile,
    IReadOnlyList<ProviderOptions> Providers,
    IReadOnlyList<AccountRecord> Accounts,
    string CsrfToken,
    string AccountPath,
    Func<ProviderOptions, string> SignInPath,
    Func<ProviderOptions, string> UnlinkPagePath,
    string DeletePagePath,
    string? DoneProvider,
    ErrorCode? Error,
    IReadOnlyList<string>? Sections = null)
{
    /// <summary>The page's HTML.</summary>
    public string Render()
    {
        var t = Text;
        var body = new StringBuilder();
        body.Append($"<h1>{E(t.T("account.title"))}</h1>");
        if (DoneProvider is { } done)
        {
            body.Append($"<div class=\"notice\" role=\"status\" id=\"account-notice\">{E(t.T("account.unlinked", done))}</div>");
        }
        if (Error is { } error)
        {
            body.Append($"<div class=\"error\" role=\"alert\" id=\"account-error\">{E(t.Error(error))} <code>{E(error.ToString())}</code></div>");
        }
        var p = Profile;
        body.Append("<section id=\"profile\" style=\"display:flex;gap:12px;align-items:center;margin-bottom:24px;overflow-wrap:anywhere\">");
        if (p.Image is { Length: > 0 } image)
        {
            body.Append($"<img id=\"profile-image\" src=\"{E(image)}\" alt=\"{E(t.T("account.picture"))}\" width=\"56\" height=\"56\" style=\"border-radius:50%;flex:none\">");
        }
        body.Append($"""
            <dl style="margin:0;min-width:0">
            <dt>{E(t.T("account.name"))}</dt><dd id="profile-name">{E(p.Name ?? "—")}</dd>
            <dt>{E(t.T("account.email"))}</dt><dd id="profile-email">{E(p.Email ?? "—")}</dd>
            <dt>{E(t.T("account.userId"))}</dt><dd><code id="profile-user-id">{E(p.UserId)}</code></dd>
            </dl></section>
            """);
        body.Append($"<h2 style=\"font-size:1.1rem\">{E(t.T("account.providers"))}</h2><ul id=\"providers\" style=\"list-style:none;padding:0;margin:0 0 24px\">");
        var onlyOne = Accounts.Select(a => a.Provider).Distinct(StringComparer.Ordinal).Count() <= 1;
        foreach (var provider in Providers)
        {
            var name = t.ProviderName(provider);
            var account = Accounts.FirstOrDefault(a => a.Provider == provider.Id);
            body.Append($"<li data-provider=\"{E(provider.Id)}\" style=\"border:1px solid rgba(128,128,128,.4);border-radius:10px;padding:12px;margin-bottom:12px;overflow-wrap:anywhere\">");
            if (account is null)
            {
                body.Append($"""
                    <strong>{E(name)}</strong> <span class="state" id="state-{E(provider.Id)}">{E(t.T("account.notLinked"))}</span>
                    <form method="post" action="{E(SignInPath(provider))}" style="margin:8px 0 0">
                    {FormFields(CsrfToken, AccountPath)}
                    <input type="hidden" name="intent" value="link">
                    <button type="submit" class="plain" id="connect-{E(provider.Id)}">{E(t.T("account.connect", name))}</button>
                    </form>
                    """);
            }
            else
            {
                var who = string.Join(" · ", new[] { account.Name, account.Email }.Where(v => !string.IsNullOrEmpty(v)));
                body.Append($"<strong>{E(name)}</strong> <span class=\"state\" id=\"state-{E(provider.Id)}\">{E(t.T("account.linked"))}</span>");
                if (who.Length > 0) body.Append($"<div class=\"who\">{E(who)}</div>");
                body.Append(onlyOne
                    ? $"<p class=\"last\" id=\"last-account\" style=\"margin:8px 0 0;font-size:.9rem\">{E(t.T("account.lastAccount", name))}</p>"
                    : $"<p style=\"margin:8px 0 0\"><a class=\"button\" id=\"disconnect-{E(provider.Id)}\" href=\"{E(UnlinkPagePath(provider))}\">{E(t.T("account.disconnect", name))}</a></p>");
            }
            body.Append("</li>");
        }
        body.Append("</ul>");
        foreach (var section in Sections ?? []) body.Append(section); // add-ons' sections (IAccountPageSection), already encoded
        body.Append($"""
            <section id="delete"><h2 style="font-size:1.1rem">{E(t.T("account.deleteTitle"))}</h2>
            <p style="font-size:.9rem">{E(t.T("account.deleteLead"))}</p>
            <p><a class="button" id="delete-account" href="{E(DeletePagePath)}">{E(t.T("account.deleteLink"))}</a></p></section>
            """);
        return Layout($"{ServiceName} — {t.T("account.title")}", body.ToString(), t.Language);
    }
}

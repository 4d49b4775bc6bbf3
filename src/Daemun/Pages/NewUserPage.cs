using System.Text;
using Daemun.Errors;
using Daemun.Localization;
using static Daemun.Pages.Html;

namespace Daemun.Pages;

/// <summary>The new-user step: a labelled field for each asked item the provider did not give, "continue", and "skip" unless the app requires them.
/// There is no password field.</summary>
internal sealed record NewUserPage(
    PageText Text,
    string ServiceName,
    string? Name,
    IReadOnlyList<string> Missing,
    bool Required,
    string Action,
    string CsrfToken,
    string CallbackUrl,
    ErrorCode? Error)
{
    public string Render()
    {
        var t = Text;
        var title = Name is { Length: > 0 } name ? t.T("newuser.titleNamed", name) : t.T("newuser.title");
        var body = new StringBuilder();
        body.Append($"<h1>{E(title)}</h1><p class=\"lead\">{E(t.T("newuser.lead", ServiceName))}</p>");
        if (Error is { } error)
        {
            body.Append($"<div class=\"error\" role=\"alert\" id=\"newuser-error\">{E(t.Error(error))} <code>{E(error.ToString())}</code></div>");
        }
        body.Append($"""
            <form method="post" action="{E(Action)}">
            {FormFields(CsrfToken, CallbackUrl)}
            """);
        var required = Required ? " required" : "";
        foreach (var field in Missing)
        {
            var (type, autocomplete, max) = field == "email" ? ("email", "email", 254) : ("text", "name", 100);
            body.Append($"""
                <label for="newuser-{field}">{E(t.T("newuser." + field))}</label>
                <input type="{type}" id="newuser-{field}" name="{field}" autocomplete="{autocomplete}" maxlength="{max}"{required}>
                """);
        }
        body.Append($"<button type=\"submit\" class=\"plain\" id=\"newuser-continue\">{E(t.T("newuser.continue"))}</button>");
        if (!Required) body.Append($" <a class=\"button\" id=\"newuser-skip\" href=\"{E(CallbackUrl)}\">{E(t.T("newuser.skip"))}</a>");
        body.Append("</form>");
        return Layout($"{ServiceName} — {t.T("newuser.title")}", body.ToString(), t.Language);
    }
}

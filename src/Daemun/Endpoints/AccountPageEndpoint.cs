using Daemun.Errors;
using Daemun.Localization;
using Daemun.Pages;
using Daemun.Providers;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>GET /account</c> (profile and providers: connect runs the link flow, disconnect asks first), <c>GET /account/unlink/{provider}</c>
/// and <c>GET /account/delete</c> (confirmation pages whose CSRF forms POST to <see cref="AccountEndpoint"/>). Without a session: the sign-in page.
/// The account page also shows the sections of add-ons (<see cref="IAccountPageSection"/>).</summary>
internal sealed class AccountPageEndpoint(ProviderRegistry providers, IUserStore store, SessionService sessions, CsrfTokens csrf, Urls urls, Respond respond,
    RequestLanguage language, IOptions<DaemunOptions> options)
{
    public Task<IResult> PageAsync(HttpContext context) => respond.PageAsync(context, "account page", null, async () =>
    {
        if (Urls.Replacement(context, options.Value.Pages.Account) is { } appPage) return Redirects.Plain(appPage);
        var accountPath = urls.Path(context, "account");
        if (await sessions.ReadAsync(context, context.RequestAborted) is not { } session) return SignInFirst(context, accountPath);
        var user = await store.FindUserAsync(session.UserId, context.RequestAborted);
        var accounts = await store.AccountsOfUserAsync(session.UserId, context.RequestAborted);
        var query = RequestInput.Query(context);
        var done = RequestInput.Value(query["done"], "done", 32) == "unlinked" && providers.Find(RequestInput.Value(query["provider"], "provider", 64) ?? "") is { } p
            ? p : null;
        var t = language.For(context);
        var csrfToken = csrf.GetOrCreate(context);
        var sections = await SectionsAsync(context, session.UserId, t, csrfToken);
        var page = new AccountPage(t, options.Value.ServiceName,
            new AccountProfile(session.UserId, user?.Name ?? session.Name, user?.Email ?? session.Email, user?.Image ?? session.Image),
            providers.All, accounts, csrfToken, accountPath,
            x => urls.Path(context, $"signin/{x.Id}"), x => urls.Path(context, $"account/unlink/{x.Id}"), urls.Path(context, "account/delete"),
            done is null ? null : t.ProviderName(done), ShownError(RequestInput.Value(query["error"], "error", 64)), sections);
        return Html.Page(context, page.Render());
    });

    public Task<IResult> UnlinkPageAsync(HttpContext context, string provider) => respond.PageAsync(context, "unlink page", provider, async () =>
    {
        var accountPath = urls.Path(context, "account");
        var p = providers.Find(provider) ?? throw new DaemunException(ErrorCode.UnknownProvider, "unlink page for an unknown provider");
        if (await sessions.ReadAsync(context, context.RequestAborted) is null) return SignInFirst(context, accountPath);
        var t = language.For(context);
        var name = t.ProviderName(p);
        var callbackUrl = QueryHelpers.AddQueryString(accountPath, new Dictionary<string, string?> { ["done"] = "unlinked", ["provider"] = p.Id });
        var page = AccountConfirmPage.Render(t, options.Value.ServiceName, t.T("account.unlinkTitle", name), t.T("account.unlinkQuestion", name),
            t.T("account.disconnect", name), urls.Path(context, $"account/unlink/{p.Id}"), csrf.GetOrCreate(context), callbackUrl, accountPath);
        return Html.Page(context, page);
    });

    public Task<IResult> DeletePageAsync(HttpContext context) => respond.PageAsync(context, "delete page", null, async () =>
    {
        var accountPath = urls.Path(context, "account");
        if (await sessions.ReadAsync(context, context.RequestAborted) is null) return SignInFirst(context, accountPath);
        var t = language.For(context);
        var page = AccountConfirmPage.Render(t, options.Value.ServiceName, t.T("account.deleteTitle"), t.T("account.deleteQuestion"),
            t.T("account.deleteButton"), urls.Path(context, "account/delete"), csrf.GetOrCreate(context), $"{context.Request.PathBase}/", accountPath);
        return Html.Page(context, page);
    });

    /// <summary>The add-ons' sections (<see cref="IAccountPageSection"/>), resolved per request so that they may use scoped services.</summary>
    private static async Task<IReadOnlyList<string>> SectionsAsync(HttpContext context, string userId, PageText text, string csrfToken)
    {
        var sections = new List<string>();
        foreach (var section in context.RequestServices.GetServices<IAccountPageSection>())
        {
            if (await section.RenderAsync(context, userId, text, csrfToken, context.RequestAborted) is { Length: > 0 } html) sections.Add(html);
        }
        return sections;
    }

    private IResult SignInFirst(HttpContext context, string accountPath) => Redirects.Plain(urls.SignIn(context, accountPath));

    /// <summary>An error code named in the query, if it is one of ours (names only, never numbers).</summary>
    private static ErrorCode? ShownError(string? value) =>
        value is { Length: > 0 } && value.All(char.IsAsciiLetter) && Enum.TryParse<ErrorCode>(value, out var code) ? code : null;
}

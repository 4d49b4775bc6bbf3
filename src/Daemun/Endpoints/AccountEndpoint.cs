using Daemun.Accounts;
using Daemun.Errors;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>POST /account/unlink/{provider}</c> and <c>POST /account/delete</c>: CSRF-checked forms of the signed-in person.
/// Both unlink at the provider first; success redirects to <c>callbackUrl</c>.</summary>
internal sealed class AccountEndpoint(IDaemunAccounts accounts, SessionService sessions, CsrfTokens csrf, Urls urls, Respond respond, IOptions<DaemunOptions> options)
{
    public Task<IResult> UnlinkAsync(HttpContext context, string provider) => respond.PageAsync(context, "unlink", provider, async () =>
    {
        var (userId, callbackUrl) = await ReadFormAsync(context);
        var result = await accounts.UnlinkAsync(userId, provider, context.RequestAborted);
        ThrowUnlessDone(result, provider);
        return Redirects.To(context, callbackUrl);
    });

    public Task<IResult> DeleteAsync(HttpContext context) => respond.PageAsync(context, "delete user", null, async () =>
    {
        var (userId, callbackUrl) = await ReadFormAsync(context);
        var result = await accounts.DeleteUserAsync(userId, context.RequestAborted);
        ThrowUnlessDone(result, null);
        await sessions.SignOutAsync(context, context.RequestAborted); // the rows are gone; this drops the cookie
        return Redirects.To(context, callbackUrl);
    });

    private async Task<(string UserId, string CallbackUrl)> ReadFormAsync(HttpContext context)
    {
        var form = await RequestInput.FormAsync(context, options.Value.MaxParameterLength);
        if (!csrf.IsValid(context, RequestInput.Value(form["csrfToken"], "csrfToken", 256)))
        {
            throw new DaemunException(ErrorCode.MissingCsrf, "the account form's csrfToken is missing or does not match the cookie");
        }
        var session = await sessions.ReadAsync(context, context.RequestAborted)
            ?? throw new DaemunException(ErrorCode.SessionRequired, "no signed-in session");
        return (session.UserId, urls.SafeCallback(context, RequestInput.Value(form["callbackUrl"], "callbackUrl", options.Value.MaxParameterLength)));
    }

    private static void ThrowUnlessDone(UnlinkResult result, string? provider)
    {
        var code = result.Status switch
        {
            UnlinkStatus.Unlinked => (ErrorCode?)null,
            UnlinkStatus.NotLinked => ErrorCode.AccountNotLinked,
            UnlinkStatus.LastAccount => ErrorCode.LastAccount,
            UnlinkStatus.ProviderUnavailable => ErrorCode.ProviderUnavailable,
            UnlinkStatus.StoreUnavailable => ErrorCode.StoreUnavailable,
            _ => ErrorCode.InvalidProviderResponse,
        };
        if (code is { } c) throw new DaemunException(c, $"unlink{(provider is null ? "" : " " + provider)}: {result.Status}");
    }
}

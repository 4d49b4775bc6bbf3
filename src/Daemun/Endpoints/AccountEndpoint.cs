using Daemun.Accounts;
using Daemun.Audit;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Endpoints;

/// <summary><c>POST /account/unlink/{provider}</c> and <c>POST /account/delete</c>: CSRF-checked forms of the signed-in person.
/// Both unlink at the provider first; success redirects to <c>callbackUrl</c>, a refusal (last account, provider down…) back to the account page
/// with <c>?error=Code</c>, where the person reads why. A missing CSRF token or session goes to the error page as everywhere.</summary>
internal sealed class AccountEndpoint(IDaemunAccounts accounts, SessionService sessions, CsrfTokens csrf, Urls urls, Respond respond, IOptions<DaemunOptions> options,
    AuditRecorder audit, ILogger<AccountEndpoint> logger)
{
    public Task<IResult> UnlinkAsync(HttpContext context, string provider) => respond.PageAsync(context, "unlink", provider, async () =>
    {
        var (userId, callbackUrl) = await ReadFormAsync(context);
        var result = await accounts.UnlinkAsync(userId, provider, context.RequestAborted);
        if (Refusal(result) is { } code) return Redirects.To(context, AccountPageWith(context, code));
        await audit.AppendAsync(audit.Event(context, AuditEventType.AccountUnlinked, userId, provider), context.RequestAborted);
        return Redirects.To(context, callbackUrl);
    });

    public Task<IResult> DeleteAsync(HttpContext context) => respond.PageAsync(context, "delete user", null, async () =>
    {
        var (userId, callbackUrl) = await ReadFormAsync(context);
        var result = await accounts.DeleteUserAsync(userId, context.RequestAborted);
        if (Refusal(result) is { } code) return Redirects.To(context, AccountPageWith(context, code));
        await audit.AppendAsync(audit.Event(context, AuditEventType.UserDeleted, userId, null), context.RequestAborted);
        await sessions.SignOutAsync(context, context.RequestAborted); // the rows are gone; this drops the cookie
        return Redirects.To(context, callbackUrl);
    });

    private async Task<(string UserId, string CallbackUrl)> ReadFormAsync(HttpContext context)
    {
        var form = await RequestInput.FormAsync(context, options.Value.MaxParameterLength);
        csrf.RequireCsrf(context, form, "account");
        var session = await sessions.ReadAsync(context, context.RequestAborted)
            ?? throw new DaemunException(ErrorCode.SessionRequired, "no signed-in session");
        return (session.UserId, urls.SafeCallback(context, RequestInput.Value(form["callbackUrl"], "callbackUrl", options.Value.MaxParameterLength)));
    }

    /// <summary>Why the provider could not be disconnected, or null when it was.</summary>
    private ErrorCode? Refusal(UnlinkResult result)
    {
        ErrorCode? code = result.Status switch
        {
            UnlinkStatus.Unlinked => null,
            UnlinkStatus.NotLinked => ErrorCode.AccountNotLinked,
            UnlinkStatus.LastAccount => ErrorCode.LastAccount,
            UnlinkStatus.ProviderUnavailable => ErrorCode.ProviderUnavailable,
            UnlinkStatus.StoreUnavailable => ErrorCode.StoreUnavailable,
            _ => ErrorCode.InvalidProviderResponse,
        };
        if (code is { } c) Log.RequestRefused(logger, c, $"unlink: {result.Status}");
        return code;
    }

    private string AccountPageWith(HttpContext context, ErrorCode code) => $"{urls.Path(context, "account")}?error={code}";
}

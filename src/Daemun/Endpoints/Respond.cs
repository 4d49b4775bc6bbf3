using Daemun.Audit;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Daemun.Endpoints;

/// <summary>The one place where failures become responses: a redirect to the error page (browsers) or a JSON error (APIs), and a log line without secrets.</summary>
internal sealed class Respond(Urls urls, AuditRecorder audit, ILogger<Respond> logger)
{
    /// <summary>Runs an endpoint body; any failure becomes a redirect to <c>/error?error=Code</c>, except a cancellation at the provider
    /// (<see cref="ErrorCode.AccessDenied"/>), which goes back to the sign-in page with a gentle notice (<c>/signin?error=AccessDenied</c>,
    /// plus the sign-in's <c>callbackUrl</c> once its state was validated).</summary>
    public Task<IResult> PageAsync(HttpContext context, string endpoint, string? provider, Func<Task<IResult>> body) =>
        PageAsync(context, endpoint, provider, body, auditFailure: false);

    /// <summary>The provider's callback: as <c>PageAsync</c>, and a failure is
    /// recorded in the audit log as <c>sign_in.failed</c> with its error code and the provider (reduced to a safe token: it comes from the URL).</summary>
    public Task<IResult> CallbackPageAsync(HttpContext context, string provider, Func<Task<IResult>> body) =>
        PageAsync(context, "callback", provider, body, auditFailure: true);

    private async Task<IResult> PageAsync(HttpContext context, string endpoint, string? provider, Func<Task<IResult>> body, bool auditFailure)
    {
        var code = await Guard(endpoint, provider, body);
        if (code.Result is { } result) return result;
        if (auditFailure)
        {
            await audit.AppendAsync(audit.Event(context, AuditEventType.SignInFailed, null, provider is null ? null : ProviderErrors.Safe(provider), code.Error),
                context.RequestAborted);
        }
        if (code.Error != ErrorCode.AccessDenied) return Redirects.Plain(ErrorPageUrl(context, code.Error));
        // a retry should still lead where the person was going: the callbackUrl of the validated sign-in, when there was one
        var signIn = $"{urls.Path(context, "signin")}?error={code.Error}";
        return Redirects.Plain(context.Items[CallbackUrlKey] is string callbackUrl ? QueryHelpers.AddQueryString(signIn, "callbackUrl", callbackUrl) : signIn);
    }

    /// <summary>Where a validated sign-in was going (<c>HttpContext.Items</c>), so that a cancellation can send the person back with it.</summary>
    public const string CallbackUrlKey = "Daemun.CallbackUrl";

    /// <summary>The provider's refusal code when it is on <see cref="ProviderRefusals"/> (<c>HttpContext.Items</c>): the error page shows it in words.</summary>
    public const string ProviderErrorKey = "Daemun.ProviderError";

    /// <summary><c>/error?error=Code</c>, plus <c>&amp;providerError=code</c> for a provider's refusal with a listed code.</summary>
    private string ErrorPageUrl(HttpContext context, ErrorCode code)
    {
        var page = $"{urls.Path(context, "error")}?error={code}";
        return code == ErrorCode.OAuthCallbackError && context.Items[ProviderErrorKey] is string listed // only ever a listed code (CallbackEndpoint)
            ? QueryHelpers.AddQueryString(page, ProviderErrorParameter, listed)
            : page;
    }

    /// <summary>The error page's query parameter naming the provider's (listed) refusal code.</summary>
    public const string ProviderErrorParameter = "providerError";

    /// <summary>Runs an endpoint body; any failure becomes <c>{"error":"Code","message":"…"}</c> with the code's status.</summary>
    public async Task<IResult> JsonAsync(string endpoint, Func<Task<IResult>> body)
    {
        var code = await Guard(endpoint, null, body);
        return code.Result ?? Error(code.Error);
    }

    /// <summary>A JSON error answer.</summary>
    public static IResult Error(ErrorCode code) =>
        Results.Json(new { error = code.ToString(), message = ErrorCodes.Message(code) }, statusCode: ErrorCodes.StatusCode(code));

    private async Task<(IResult? Result, ErrorCode Error)> Guard(string endpoint, string? provider, Func<Task<IResult>> body)
    {
        try
        {
            return (await body(), ErrorCode.Default);
        }
        catch (DaemunException e)
        {
            // the provider id comes from the URL path: an unknown one may hold newlines or markup, so only a safe token of it is logged
            if (provider is not null) Log.SignInFailed(logger, ProviderErrors.Safe(provider), e.Code, e.Message);
            else Log.RequestRefused(logger, e.Code, e.Message);
            return (null, e.Code);
        }
        catch (StoreUnavailableException)
        {
            // not logged per request: the store logs the failure, or one line per outage (ResilientStore)
            return (null, ErrorCode.StoreUnavailable);
        }
        catch (OperationCanceledException)
        {
            throw; // the client went away; nothing to answer
        }
        catch (Exception e)
        {
            Log.Unexpected(logger, e, endpoint);
            return (null, ErrorCode.Default);
        }
    }
}

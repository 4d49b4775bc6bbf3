using Daemun.Endpoints;
using Daemun.Errors;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>Reads the consent page's answer from a POST to the authorize endpoint. The answer counts only in a POSTed form that carries
/// this browser's CSRF token: a <c>consent</c> parameter in a query string, or in a form another site made the browser post, never grants
/// anything.</summary>
internal static class ConsentDecision
{
    /// <summary>The form field holding <c>allow</c> or <c>deny</c>.</summary>
    public const string Field = "consent";

    /// <summary>The form field holding the CSRF token (as in every Daemun form).</summary>
    public const string CsrfField = "csrfToken";

    /// <summary>The consent form's own fields, which are not part of the authorization request.</summary>
    public static bool IsFormField(string name) => name is Field or CsrfField;

    /// <summary>The answer in this request: <see cref="ConsentAnswer.None"/> unless it is a form POST with a <c>consent</c> field. Reads the
    /// form (already buffered when OpenIddict has read it). Throws like <see cref="Read"/>.</summary>
    public static async Task<ConsentAnswer> ReadAsync(HttpContext context, CsrfTokens csrf)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasFormContentType) return ConsentAnswer.None;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return Read(form, context, csrf);
    }

    /// <summary>The answer in a POSTed <paramref name="form"/>: <see cref="ConsentAnswer.None"/> without a <c>consent</c> field (an
    /// authorization request the app posted itself). With one, the CSRF token must match this browser's cookie
    /// (else <see cref="DaemunException"/> <see cref="ErrorCode.MissingCsrf"/>), and the value must be <c>allow</c> or <c>deny</c>
    /// (else <see cref="ErrorCode.InvalidRequest"/>).</summary>
    public static ConsentAnswer Read(IFormCollection form, HttpContext context, CsrfTokens csrf)
    {
        var value = RequestInput.Value(form[Field], Field, 16);
        if (value is null) return ConsentAnswer.None;
        csrf.RequireCsrf(context, form, "consent");
        return value switch
        {
            "allow" => ConsentAnswer.Allow,
            "deny" => ConsentAnswer.Deny,
            _ => throw new DaemunException(ErrorCode.InvalidRequest, "the consent form's answer is neither allow nor deny"),
        };
    }
}

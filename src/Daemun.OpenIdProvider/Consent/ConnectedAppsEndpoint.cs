using Daemun.Endpoints;
using Daemun.Errors;
using Daemun.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Daemun.OpenIdProvider.Consent;

/// <summary><c>POST {basePath}/account/connected-apps/{authorizationId}/revoke</c>, the connected apps section's Disconnect button: with this
/// browser's CSRF token and a signed-in session, disconnects the app of that authorization if it is the signed-in person's
/// (<see cref="ConsentStore.RevokeAsync"/>: its authorizations and tokens are revoked), then back to the account page with a notice.
/// A missing CSRF token or session, or an authorization that is unknown or someone else's, goes to the error page and changes nothing.</summary>
internal sealed class ConnectedAppsEndpoint(SessionService sessions, CsrfTokens csrf, Urls urls, Respond respond, IOptions<DaemunOptions> options)
{
    /// <summary>The route under Daemun's base path.</summary>
    public const string Route = "/account/connected-apps/{authorizationId}/revoke";

    /// <summary>The action of one app's Disconnect form, relative to Daemun's base path (for <see cref="Urls.Path"/>).</summary>
    public static string Path(string authorizationId) => $"account/connected-apps/{Uri.EscapeDataString(authorizationId)}/revoke";

    public Task<IResult> RevokeAsync(HttpContext context, string authorizationId, ConsentStore consents) =>
        respond.PageAsync(context, "disconnect app", null, async () =>
        {
            var form = await RequestInput.FormAsync(context, options.Value.MaxParameterLength);
            csrf.RequireCsrf(context, form, "connected apps");
            var session = await sessions.ReadAsync(context, context.RequestAborted)
                ?? throw new DaemunException(ErrorCode.SessionRequired, "no signed-in session");
            if (!IsAuthorizationId(authorizationId)) throw new DaemunException(ErrorCode.InvalidRequest, "the authorization id is malformed");
            var clientId = await consents.RevokeAsync(session.UserId, authorizationId, context.RequestAborted)
                ?? throw new DaemunException(ErrorCode.InvalidRequest, "the authorization to revoke is unknown or not the signed-in person's");
            return Redirects.To(context, QueryHelpers.AddQueryString(urls.Path(context, "account"),
                new Dictionary<string, string?> { ["done"] = ConnectedAppsSection.DoneValue, ["client"] = clientId }));
        });

    /// <summary>An authorization id as stores make them: short, letters, digits and <c>-</c> / <c>_</c> only.</summary>
    private static bool IsAuthorizationId(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Daemun.OpenIdProvider.Server;

/// <summary>An authorization request OpenIddict refused while validating it (no PKCE, <c>code_challenge_method=plain</c>, a scope the app may
/// not have…) goes back to the app with the error when its client_id and redirect_uri are registered: RFC 6749 §4.1.2.1 redirects every error
/// except a bad client or redirect_uri, while OpenIddict sends no validation error back. An unknown client or an unregistered redirect_uri
/// still gets Daemun's error page (the passthrough), and so does an unsupported response_type or response_mode.</summary>
internal sealed class ValidationErrorRedirect(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
        .UseScopedHandler<ValidationErrorRedirect>()
        .SetOrder(OpenIddictServerHandlers.Authentication.AttachRedirectUri.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        if (!string.IsNullOrEmpty(context.RedirectUri) || string.IsNullOrEmpty(context.Error) || context.Request is not { } request) return;
        if (request.ResponseType != ResponseTypes.Code || request.ResponseMode is not (null or "" or ResponseModes.Query or ResponseModes.FormPost)) return;
        if (string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(request.RedirectUri)) return;
        var ct = context.CancellationToken;
        if (await applications.FindByClientIdAsync(request.ClientId, ct) is not { } application) return;
        if (!await applications.HasPermissionAsync(application, Permissions.Endpoints.Authorization, ct)) return;
        if (!await applications.ValidateRedirectUriAsync(application, request.RedirectUri, ct)) return;
        context.RedirectUri = request.RedirectUri;
    }
}

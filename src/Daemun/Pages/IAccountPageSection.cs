using Daemun.Localization;
using Microsoft.AspNetCore.Http;

namespace Daemun.Pages;

/// <summary>A part of the account page contributed by an add-on to Daemun (the OpenID Provider's "connected apps"): every implementation
/// registered in DI (any lifetime: they are resolved from the request's services) renders in registration order, between the providers
/// and the account deletion section. The HTML it returns goes into the page as is, so it must encode every value (<see cref="Html.E"/>);
/// forms post with <paramref name="csrfToken"/> (<see cref="Html.FormFields"/>) to endpoints that check it. Null or empty adds nothing.</summary>
internal interface IAccountPageSection
{
    /// <summary>The section's HTML for the signed-in <paramref name="userId"/>, in <paramref name="text"/>'s language.</summary>
    Task<string?> RenderAsync(HttpContext context, string userId, PageText text, string csrfToken, CancellationToken cancellationToken);
}

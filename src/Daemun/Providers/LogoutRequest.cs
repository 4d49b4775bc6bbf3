using Microsoft.AspNetCore.WebUtilities;
using System.Text.Json;

namespace Daemun.Providers;

/// <summary>How the engine signs the person out at a provider when they sign out here (<see cref="ProviderOptions.LogoutOnSignOut"/>,
/// <see cref="ProviderOptions.BrowserLogoutOnSignOut"/>): the logout API called with the person's access token as Bearer, and the browser
/// logout page (by default with OpenID Connect RP-Initiated Logout's <c>client_id</c>, <c>post_logout_redirect_uri</c> and <c>state</c>).
/// A provider whose logout differs declares a subclass; the engine never names a provider.</summary>
public class LogoutRequest
{
    /// <summary>A Bearer POST whose HTTP 200 confirms, and RP-Initiated Logout's parameter names.</summary>
    public static LogoutRequest Standard { get; } = new();

    /// <summary>Calls <see cref="ProviderOptions.LogoutEndpoint"/>; throws as <see cref="ProviderCall"/> does when the provider did not confirm.</summary>
    public virtual Task LogoutAsync(ProviderCall call, CancellationToken ct) =>
        call.BearerPostAsync(call.Provider.LogoutEndpoint!, "logout", Confirms, ct);

    /// <summary>Whether the HTTP 200 answer of the logout API confirms; by default any does.</summary>
    public virtual bool Confirms(JsonElement? answer) => true;

    /// <summary>The browser logout URL at <see cref="ProviderOptions.BrowserLogoutEndpoint"/> that returns the browser to
    /// <paramref name="returnUrl"/> (absolute); <paramref name="state"/> is a fresh random value.</summary>
    public virtual string BrowserLogoutUrl(ProviderOptions provider, string returnUrl, string state) =>
        QueryHelpers.AddQueryString(provider.BrowserLogoutEndpoint!, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["client_id"] = provider.ClientId,
            ["post_logout_redirect_uri"] = returnUrl,
            ["state"] = state,
        });
}

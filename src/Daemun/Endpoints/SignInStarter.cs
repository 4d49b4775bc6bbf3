using Daemun.Protocol;
using Daemun.Providers;
using Microsoft.AspNetCore.Http;

namespace Daemun.Endpoints;

/// <summary>Starts a sign-in at a provider: creates the state (bound to this browser), saves it, and returns the provider's authorization URL.
/// Used by the sign-in page's buttons, autologin, and the OpenID Provider's authorize endpoint (which starts at the provider an app names).</summary>
internal sealed class SignInStarter(Urls urls, Discovery discovery, ISignInStates signInStates, TimeProvider time)
{
    /// <summary>The provider's authorization URL for a sign-in that ends at <paramref name="callbackUrl"/> (a local path).</summary>
    public async Task<string> BeginAsync(HttpContext context, ProviderOptions p, string callbackUrl, AuthorizationRequest.SignInIntent intent)
    {
        var endpoints = await discovery.ResolveAsync(p, context.RequestAborted);
        var (url, state) = AuthorizationRequest.Create(p, endpoints, urls.RedirectUri(context, p), callbackUrl, time.GetUtcNow(), intent);
        await signInStates.SaveAsync(context, state);
        return url;
    }
}

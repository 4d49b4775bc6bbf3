using Daemun.Protocol;
using Daemun.Providers;
using Microsoft.AspNetCore.Http;

namespace Daemun.Endpoints;

/// <summary>Starts a sign-in at a provider: creates the state (bound to this browser), saves it, and returns the provider's authorization URL.
/// Used by the sign-in page's buttons, autologin, and the OpenID Provider's authorize endpoint (which starts at the provider an app names).</summary>
internal sealed class SignInStarter(Urls urls, Discovery discovery, ISignInStates signInStates, TimeProvider time, OAuth1Client oauth1)
{
    /// <summary>The provider's authorization URL for a sign-in that ends at <paramref name="callbackUrl"/> (a local path).</summary>
    public async Task<string> BeginAsync(HttpContext context, ProviderOptions p, string callbackUrl, AuthorizationRequest.SignInIntent intent)
    {
        if (p.Kind == ProviderKind.OAuth1) return await BeginOAuth1Async(context, p, callbackUrl, intent);
        var endpoints = await discovery.ResolveAsync(p, context.RequestAborted);
        var (url, state) = AuthorizationRequest.Create(p, endpoints, urls.RedirectUri(context, p), callbackUrl, time.GetUtcNow(), intent);
        await signInStates.SaveAsync(context, state);
        return url;
    }

    /// <summary>OAuth 1.0a: temporary credentials first (their secret stays in the saved state), then the authorization URL.</summary>
    private async Task<string> BeginOAuth1Async(HttpContext context, ProviderOptions p, string callbackUrl, AuthorizationRequest.SignInIntent intent)
    {
        var (url, state) = await oauth1.BeginAsync(p, urls.RedirectUri(context, p), callbackUrl, intent, context.RequestAborted);
        await signInStates.SaveAsync(context, state);
        return url;
    }
}

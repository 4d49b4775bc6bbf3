using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Security;
using Daemun.Storage;
using Microsoft.Extensions.Logging;

namespace Daemun.Tokens;

/// <summary>Sign-out at the providers configured for it (<see cref="ProviderOptions.LogoutOnSignOut"/>, <see cref="ProviderOptions.BrowserLogoutOnSignOut"/>):
/// the logout API with the person's access token, and the browser logout page, both as the declaration's <see cref="ProviderOptions.LogoutRequest"/> does them. Never stands in the way of the local sign-out: failures are logged, not thrown.</summary>
internal sealed class ProviderLogout(
    ProviderRegistry providers,
    ProviderTokenService tokens,
    IUserStore store,
    ProviderHttp http,
    ClientSecrets secrets,
    ILogger<ProviderLogout> logger)
{
    /// <summary>Calls <see cref="ProviderOptions.LogoutEndpoint"/> for each linked provider with <see cref="ProviderOptions.LogoutOnSignOut"/>;
    /// the provider's tokens are then dead, so the account is marked as needing a new sign-in with the provider.</summary>
    public async Task LogoutAsync(string userId, CancellationToken ct)
    {
        foreach (var p in providers.All.Where(p => p.LogoutOnSignOut && p.LogoutEndpoint is not null))
        {
            try
            {
                var token = await tokens.GetAccessTokenAsync(userId, p.Id, ct); // refreshed first when expired
                if (token.Status == AccessTokenStatus.NotLinked) continue;
                if (!token.Succeeded)
                {
                    Log.ProviderLogoutSkipped(logger, p.Id, userId, token.Status.ToString());
                    continue;
                }
                await p.LogoutRequest.LogoutAsync(new ProviderCall(http, p, secrets.For(p), token.AccessToken!, null, logger), ct);
                await tokens.MarkTokensDeadAsync(userId, p.Id, ct);
                Log.ProviderLoggedOut(logger, p.Id, userId);
            }
            catch (DaemunException e)
            {
                Log.ProviderLogoutFailed(logger, p.Id, userId, e.Code.ToString(), e.Message);
            }
            catch (StoreUnavailableException)
            {
                Log.ProviderLogoutFailed(logger, p.Id, userId, ErrorCode.StoreUnavailable.ToString(), "the store could not be read or written");
            }
        }
    }

    /// <summary>The browser logout URL of the first linked provider with <see cref="ProviderOptions.BrowserLogoutOnSignOut"/>, returning the
    /// browser to <paramref name="returnUrl"/> (absolute); null when there is none.</summary>
    public async Task<string?> BrowserLogoutUrlAsync(string userId, string returnUrl, CancellationToken ct)
    {
        foreach (var p in providers.All.Where(p => p.BrowserLogoutOnSignOut && p.BrowserLogoutEndpoint is not null))
        {
            try
            {
                if (await store.FindAccountOfUserAsync(userId, p.Id, ct) is null) continue;
            }
            catch (StoreUnavailableException)
            {
                return null;
            }
            return p.LogoutRequest.BrowserLogoutUrl(p, returnUrl, RandomToken.New());
        }
        return null;
    }
}

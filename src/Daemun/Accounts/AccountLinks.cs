using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Storage;
using Daemun.Tokens;
using Microsoft.Extensions.Logging;

namespace Daemun.Accounts;

/// <summary>Unlinks at the provider with the method its declaration names (<see cref="ProviderOptions.Unlink"/>, done by its
/// <see cref="ProviderOptions.UnlinkRequest"/>), then removes the rows.</summary>
internal sealed class AccountLinks(
    IUserStore store,
    ProviderRegistry providers,
    IProviderTokenService tokens,
    Discovery discovery,
    ProviderHttp http,
    ClientSecrets secrets,
    ILogger<AccountLinks> logger) : IDaemunAccounts
{
    public async Task<UnlinkResult> UnlinkAsync(string userId, string provider, CancellationToken ct = default)
    {
        try
        {
            var accounts = await store.AccountsOfUserAsync(userId, ct);
            // the most recently used one when there are several, as FindAccountOfUserAsync picks
            var account = accounts.Where(a => a.Provider == provider).OrderByDescending(a => a.UpdatedAt).FirstOrDefault();
            if (account is null) return new(UnlinkStatus.NotLinked);
            if (accounts.Count <= 1) return new(UnlinkStatus.LastAccount);
            var atProvider = await UnlinkAtProviderAsync(account, ct);
            if (atProvider != UnlinkStatus.Unlinked) return new(atProvider);
            await store.DeleteAccountAsync(account.Id, ct);
            Log.AccountUnlinked(logger, provider, account.Id, userId);
            return new(UnlinkStatus.Unlinked);
        }
        catch (StoreUnavailableException)
        {
            return new(UnlinkStatus.StoreUnavailable);
        }
    }

    public async Task<UnlinkResult> DeleteUserAsync(string userId, CancellationToken ct = default)
    {
        try
        {
            if (await store.FindUserAsync(userId, ct) is null) return new(UnlinkStatus.NotLinked);
            foreach (var account in await store.AccountsOfUserAsync(userId, ct))
            {
                var atProvider = await UnlinkAtProviderAsync(account, ct);
                if (atProvider != UnlinkStatus.Unlinked) return new(atProvider);
                await store.DeleteAccountAsync(account.Id, ct); // unlinked at the provider: never try it twice
            }
            await store.DeleteUserAsync(userId, ct);
            Log.UserDeleted(logger, userId);
            return new(UnlinkStatus.Unlinked);
        }
        catch (StoreUnavailableException)
        {
            return new(UnlinkStatus.StoreUnavailable);
        }
    }

    /// <summary>Unlinked also when the provider already forgot the link: its tokens are refused, or it says the token is unknown.</summary>
    private async Task<UnlinkStatus> UnlinkAtProviderAsync(AccountRecord account, CancellationToken ct)
    {
        if (providers.Find(account.Provider) is not { } p || p.Unlink == UnlinkMethod.None) return UnlinkStatus.Unlinked;

        var token = await tokens.GetAccessTokenAsync(account.UserId, account.Provider, ct);
        switch (token.Status)
        {
            case AccessTokenStatus.Valid: break;
            case AccessTokenStatus.ReauthorizationRequired or AccessTokenStatus.NotLinked:
                Log.UnlinkWithDeadTokens(logger, p.Id, account.Id);
                return UnlinkStatus.Unlinked; // the provider refuses these tokens: the link is already dead there
            case AccessTokenStatus.ProviderUnavailable: return UnlinkStatus.ProviderUnavailable;
            case AccessTokenStatus.StoreUnavailable: throw new StoreUnavailableException("reading tokens for an unlink failed", new InvalidOperationException(token.Status.ToString()));
            default: return UnlinkStatus.ProviderError;
        }

        try
        {
            await SendAsync(p, token.AccessToken!, ct);
            return UnlinkStatus.Unlinked;
        }
        catch (DaemunException e) when (e.Code == ErrorCode.ProviderUnavailable)
        {
            Log.UnlinkFailed(logger, p.Id, account.Id, e.Code.ToString(), e.Message);
            return UnlinkStatus.ProviderUnavailable;
        }
        catch (DaemunException e) when (e.ProviderError is "invalid_client" or "unauthorized_client" || e.Code != ErrorCode.TokenRequestFailed)
        {
            Log.UnlinkFailed(logger, p.Id, account.Id, e.Code.ToString(), e.Message);
            return UnlinkStatus.ProviderError;
        }
        catch (DaemunException e)
        {
            Log.UnlinkWithDeadTokens(logger, p.Id, account.Id); // refused a fresh token: the provider no longer knows this link
            Log.UnlinkFailed(logger, p.Id, account.Id, e.Code.ToString(), e.Message);
            return UnlinkStatus.Unlinked;
        }
    }

    /// <summary>The declaration's <see cref="UnlinkRequest"/> does the unlink; revocation needs an endpoint (OIDC: from discovery).</summary>
    private async Task SendAsync(ProviderOptions p, string accessToken, CancellationToken ct)
    {
        ResolvedEndpoints? endpoints = null;
        if (p.Unlink == UnlinkMethod.Revoke)
        {
            endpoints = await discovery.ResolveAsync(p, ct);
            if (endpoints.Revocation is null)
            {
                Log.NoRevocationEndpoint(logger, p.Id);
                return;
            }
        }
        await p.UnlinkRequest.UnlinkAsync(new ProviderCall(http, p, secrets.For(p), accessToken, endpoints, logger), ct);
    }
}

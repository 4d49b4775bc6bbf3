using System.Collections.Concurrent;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Security;
using Daemun.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Tokens;

/// <summary>Refresh with one request per account: in one process concurrent callers share one task; across processes a lease on the account
/// row (compare-and-swap on its token version) lets one instance refresh while the others wait for the new version.</summary>
internal sealed class ProviderTokenService(
    IUserStore store,
    ProviderRegistry providers,
    Discovery discovery,
    TokenClient tokenClient,
    IdTokenValidator idTokens,
    TimeProvider time,
    IOptions<DaemunOptions> options,
    ILogger<ProviderTokenService> logger,
    IRefreshLeaseStore? leases = null) : IProviderTokenService
{
    /// <summary>How often a waiting instance looks whether the lease holder has finished.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Provider errors that mean "this refresh token is no good": the person has to authorize again.</summary>
    private static readonly HashSet<string> RefusedGrantErrors = new(StringComparer.Ordinal) { "invalid_grant", "invalid_request", "invalid_token", "unauthorized" };

    private readonly ConcurrentDictionary<string, Lazy<Task<AccessTokenResult>>> _inFlight = new(StringComparer.Ordinal);
    private readonly string _instance = RandomToken.New(12);

    public async Task<AccessTokenResult> GetAccessTokenAsync(string userId, string provider, CancellationToken ct = default)
    {
        try
        {
            // without a database (no refresh leases) no tokens are kept
            if (leases is null || providers.Find(provider) is not { } p) return new(AccessTokenStatus.NotLinked);
            var account = await store.FindAccountOfUserAsync(userId, provider, ct);
            if (account is null) return new(AccessTokenStatus.NotLinked);
            if (Usable(account) is { } usable) return usable;
            if (account.NeedsReauthorization || account.Tokens.RefreshToken is null) return new(AccessTokenStatus.ReauthorizationRequired);

            // one refresh per account in this process: later callers join the running one
            var shared = _inFlight.GetOrAdd(account.Id, _ => new Lazy<Task<AccessTokenResult>>(() => RefreshOnceAsync(p, account, leases)));
            return await shared.Value.WaitAsync(ct);
        }
        catch (StoreUnavailableException)
        {
            return new(AccessTokenStatus.StoreUnavailable);
        }
    }

    /// <summary>The stored token when it is still good for <see cref="DaemunOptions.RefreshTokensBefore"/>; null when it needs a refresh.</summary>
    private AccessTokenResult? Usable(AccountRecord account)
    {
        var t = account.Tokens;
        if (account.NeedsReauthorization || t.AccessToken is null) return null;
        if (t.ExpiresAt is { } expires && expires - options.Value.RefreshTokensBefore <= time.GetUtcNow()) return null;
        return new(AccessTokenStatus.Valid, t.AccessToken, t.ExpiresAt, t.Scope);
    }

    private async Task<AccessTokenResult> RefreshOnceAsync(ProviderOptions p, AccountRecord seen, IRefreshLeaseStore leases)
    {
        await Task.Yield(); // run outside GetOrAdd's factory
        try
        {
            var giveUpAt = DateTimeOffset.UtcNow + LeaseLength * 2;
            var account = seen;
            while (true)
            {
                var lease = new RefreshLease(account.Id, _instance, account.TokenVersion, time.GetUtcNow() + LeaseLength);
                if (await leases.TryTakeRefreshLeaseAsync(lease, time.GetUtcNow(), CancellationToken.None))
                {
                    return await RefreshHoldingLeaseAsync(p, account, lease, leases);
                }
                // another instance is refreshing (or just did): wait for a new version of the tokens
                await Task.Delay(PollInterval, CancellationToken.None);
                var now = await store.FindAccountOfUserAsync(account.UserId, p.Id, CancellationToken.None);
                if (now is null || now.Id != account.Id) return new(AccessTokenStatus.NotLinked);
                if (now.TokenVersion != account.TokenVersion)
                {
                    if (now.NeedsReauthorization) return new(AccessTokenStatus.ReauthorizationRequired);
                    if (Usable(now) is { } refreshed) return refreshed;
                }
                account = now;
                if (DateTimeOffset.UtcNow > giveUpAt)
                {
                    Log.RefreshWaitTimedOut(logger, p.Id, account.Id);
                    return new(AccessTokenStatus.ProviderUnavailable);
                }
            }
        }
        catch (StoreUnavailableException)
        {
            return new(AccessTokenStatus.StoreUnavailable);
        }
        finally
        {
            _inFlight.TryRemove(seen.Id, out _); // the next caller reads the store again
        }
    }

    /// <summary>Records that the provider killed the account's tokens (e.g. its logout API): the next <see cref="GetAccessTokenAsync"/>
    /// answers <see cref="AccessTokenStatus.ReauthorizationRequired"/>. Skipped when a refresh holds the lease (its outcome decides).</summary>
    internal async Task MarkTokensDeadAsync(string userId, string provider, CancellationToken ct)
    {
        if (leases is null || await store.FindAccountOfUserAsync(userId, provider, ct) is not { } account) return;
        var now = time.GetUtcNow();
        var lease = new RefreshLease(account.Id, _instance, account.TokenVersion, now + LeaseLength);
        if (await leases.TryTakeRefreshLeaseAsync(lease, now, ct)) await leases.MarkReauthorizationRequiredAsync(lease, now, ct);
    }

    /// <summary>Long enough for one token request (the provider timeout) plus the store round trips; a crashed holder's lease runs out after it.</summary>
    private TimeSpan LeaseLength => options.Value.ProviderTimeout + TimeSpan.FromSeconds(5);

    private async Task<AccessTokenResult> RefreshHoldingLeaseAsync(ProviderOptions p, AccountRecord account, RefreshLease lease, IRefreshLeaseStore leases)
    {
        TokenSet fresh;
        try
        {
            var endpoints = await discovery.ResolveAsync(p, CancellationToken.None);
            fresh = await tokenClient.RefreshAsync(p, endpoints, account.Tokens.RefreshToken!, CancellationToken.None);
            if (await RefusedIdTokenAsync(p, endpoints, account, fresh) is { } refused)
            {
                Log.RefreshIdTokenRefused(logger, p.Id, account.Id, refused);
                await leases.ReleaseRefreshLeaseAsync(lease, CancellationToken.None);
                return new(AccessTokenStatus.ProviderError);
            }
        }
        catch (DaemunException e) when (e.Code == ErrorCode.TokenRequestFailed && e.ProviderError is { } error && RefusedGrantErrors.Contains(error))
        {
            Log.RefreshRefused(logger, p.Id, account.Id, error);
            await leases.MarkReauthorizationRequiredAsync(lease, time.GetUtcNow(), CancellationToken.None);
            return new(AccessTokenStatus.ReauthorizationRequired);
        }
        catch (DaemunException e)
        {
            Log.RefreshFailed(logger, p.Id, account.Id, e.Code.ToString(), e.Message);
            await leases.ReleaseRefreshLeaseAsync(lease, CancellationToken.None);
            return new(e.Code == ErrorCode.ProviderUnavailable ? AccessTokenStatus.ProviderUnavailable : AccessTokenStatus.ProviderError);
        }

        var merged = Merge(account.Tokens, fresh);
        if (!await leases.CompleteRefreshAsync(lease, merged, time.GetUtcNow(), CancellationToken.None))
        {
            Log.RefreshLeaseLost(logger, p.Id, account.Id);
        }
        Log.TokensRefreshed(logger, p.Id, account.Id, fresh.RefreshToken is not null);
        return new(AccessTokenStatus.Valid, merged.AccessToken, merged.ExpiresAt, merged.Scope);
    }

    /// <summary>OIDC Core §12.2: an id_token in a refresh answer must validate like the sign-in's (signature, the same iss, our aud, exp),
    /// be about the same person (<c>sub</c> = the account's), with no nonce required; its at_hash, when present, must match. Null when it
    /// passes or there is none; else the failure, safe to log.</summary>
    private async Task<string?> RefusedIdTokenAsync(ProviderOptions p, ResolvedEndpoints endpoints, AccountRecord account, TokenSet fresh)
    {
        if (p.Kind != ProviderKind.Oidc || fresh.IdToken is not { } idToken) return null;
        if (endpoints.Keys is not { } keys) return "no key set to validate it";
        var expected = IdTokenExpectations.Of(p, endpoints, keys, nonce: null, fresh.AccessToken) with { Subject = account.ProviderAccountId };
        var result = await idTokens.ValidateAsync(idToken, expected, CancellationToken.None);
        return result.Succeeded ? null : $"{result.Failure}: {result.Detail}";
    }

    /// <summary>A refresh answer replaces what it carries and keeps the rest: Naver never sends a new refresh token, Kakao only when the old
    /// one had under a month left, rotating OIDC providers every time — so a missing refresh token (or scope, or id_token) keeps the old one.</summary>
    internal static ProviderTokens Merge(ProviderTokens old, TokenSet fresh) => new(
        fresh.AccessToken,
        fresh.RefreshToken ?? old.RefreshToken,
        fresh.IdToken ?? old.IdToken,
        fresh.TokenType ?? old.TokenType,
        fresh.Scope ?? old.Scope,
        fresh.ExpiresAt);
}

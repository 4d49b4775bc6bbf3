using System.Collections.Immutable;
using System.Security.Claims;
using Daemun.OpenIdProvider.Clients;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>Remembered consent, kept as OpenIddict permanent authorizations whose subject is the Daemun user id: found again on the next
/// authorization request, listed on the account page as connected apps, and revoked from there together with every token issued under them
/// (so the app's refresh tokens stop working). Works through OpenIddict's managers only, whatever stores back them.</summary>
internal sealed class ConsentStore(
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens,
    ILogger<ConsentStore> logger)
{
    /// <summary>The id of a valid permanent authorization of <paramref name="userId"/> for <paramref name="client"/> that covers every scope
    /// in <paramref name="scopes"/>; null when the person must be asked.</summary>
    public async Task<string?> FindAsync(string userId, OidcClient client, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        var applicationId = client.ApplicationId;
        await foreach (var authorization in authorizations.FindAsync(userId, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, cancellationToken))
        {
            // the manager filters already; checked again here because a consent wrongly found skips the page
            if (await IsValidPermanentAsync(authorization, userId, cancellationToken)
                && await authorizations.GetApplicationIdAsync(authorization, cancellationToken) == applicationId
                && await authorizations.HasScopesAsync(authorization, scopes, cancellationToken))
            {
                return await authorizations.GetIdAsync(authorization, cancellationToken);
            }
        }
        return null;
    }

    /// <summary>Remembers that <paramref name="userId"/> allowed <paramref name="client"/> the <paramref name="scopes"/>: a new permanent
    /// authorization with those scopes and those of the person's earlier consents to the same app (so one consent covers all they granted).
    /// Returns its id, for the principal of the authorization response (<c>SetAuthorizationId</c>).</summary>
    public async Task<string> GrantAsync(ClaimsPrincipal principal, string userId, OidcClient client, ImmutableArray<string> scopes,
        CancellationToken cancellationToken)
    {
        var applicationId = client.ApplicationId;
        var granted = new HashSet<string>(scopes, StringComparer.Ordinal);
        await foreach (var earlier in authorizations.FindAsync(userId, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, null, cancellationToken))
        {
            if (await IsValidPermanentAsync(earlier, userId, cancellationToken)) granted.UnionWith(await authorizations.GetScopesAsync(earlier, cancellationToken));
        }
        var authorization = await authorizations.CreateAsync(principal, userId, applicationId, AuthorizationTypes.Permanent,
            [.. ScopeWords.Ordered(granted)], cancellationToken);
        ConsentLog.Granted(logger, userId, client.ClientId, string.Join(' ', ScopeWords.Ordered(granted)));
        return await authorizations.GetIdAsync(authorization, cancellationToken)
            ?? throw new InvalidOperationException("The new authorization has no id.");
    }

    /// <summary>The apps <paramref name="userId"/> has consented to (valid permanent authorizations, one entry per app), by name.</summary>
    public async Task<IReadOnlyList<ConnectedApp>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var byApplication = new Dictionary<string, List<(string Id, ImmutableArray<string> Scopes, DateTimeOffset? Created)>>(StringComparer.Ordinal);
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId, cancellationToken))
        {
            if (!await IsValidPermanentAsync(authorization, userId, cancellationToken)) continue;
            if (await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId) continue;
            if (await authorizations.GetIdAsync(authorization, cancellationToken) is not { } id) continue;
            if (!byApplication.TryGetValue(applicationId, out var list)) byApplication[applicationId] = list = [];
            list.Add((id, await authorizations.GetScopesAsync(authorization, cancellationToken), await authorizations.GetCreationDateAsync(authorization, cancellationToken)));
        }
        var apps = new List<ConnectedApp>();
        foreach (var (applicationId, list) in byApplication)
        {
            if (await applications.FindByIdAsync(applicationId, cancellationToken) is not { } application) continue;
            var clientId = await applications.GetClientIdAsync(application, cancellationToken) ?? applicationId;
            var newest = list.OrderByDescending(a => a.Created ?? DateTimeOffset.MinValue).First();
            apps.Add(new ConnectedApp(newest.Id, clientId, await applications.GetDisplayNameAsync(application, cancellationToken),
                ScopeWords.Ordered(list.SelectMany(a => a.Scopes)), list.Min(a => a.Created)));
        }
        return [.. apps.OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>Disconnects the app of the authorization <paramref name="authorizationId"/>, only when that authorization is
    /// <paramref name="userId"/>'s: every authorization of this person for that app is revoked, with every token issued under them (refresh
    /// tokens included). Returns the app's client id, or null — having changed nothing — when the id is unknown or names another person's.</summary>
    public async Task<string?> RevokeAsync(string userId, string authorizationId, CancellationToken cancellationToken)
    {
        var named = await authorizations.FindByIdAsync(authorizationId, cancellationToken);
        if (named is null || !string.Equals(await authorizations.GetSubjectAsync(named, cancellationToken), userId, StringComparison.Ordinal))
        {
            ConsentLog.RevokeRefused(logger, userId);
            return null;
        }
        var applicationId = await authorizations.GetApplicationIdAsync(named, cancellationToken);
        var ofThisApp = new List<object> { named };
        if (applicationId is not null)
        {
            await foreach (var other in authorizations.FindAsync(userId, applicationId, null, null, null, cancellationToken))
            {
                if (await authorizations.GetIdAsync(other, cancellationToken) == authorizationId) continue;
                if (string.Equals(await authorizations.GetSubjectAsync(other, cancellationToken), userId, StringComparison.Ordinal)) ofThisApp.Add(other);
            }
        }
        var revokedTokens = 0L;
        foreach (var authorization in ofThisApp)
        {
            if (await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken))
            {
                await authorizations.TryRevokeAsync(authorization, cancellationToken);
            }
            if (await authorizations.GetIdAsync(authorization, cancellationToken) is { } id)
            {
                revokedTokens += await tokens.RevokeByAuthorizationIdAsync(id, cancellationToken);
            }
        }
        var application = applicationId is null ? null : await applications.FindByIdAsync(applicationId, cancellationToken);
        var clientId = (application is null ? null : await applications.GetClientIdAsync(application, cancellationToken)) ?? applicationId ?? "";
        ConsentLog.Revoked(logger, userId, clientId, ofThisApp.Count, revokedTokens);
        return clientId;
    }

    private async Task<bool> IsValidPermanentAsync(object authorization, string userId, CancellationToken cancellationToken) =>
        string.Equals(await authorizations.GetSubjectAsync(authorization, cancellationToken), userId, StringComparison.Ordinal)
        && await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken)
        && await authorizations.HasTypeAsync(authorization, AuthorizationTypes.Permanent, cancellationToken);
}

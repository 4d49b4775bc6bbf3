using System.Collections.Immutable;
using System.Security.Claims;
using Daemun.OpenIdProvider.Clients;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.OpenIdProvider.Consent;

/// <summary>Consent remembered per person and app: a permanent OpenIddict authorization (subject = the Daemun user id) holding the granted
/// scopes.</summary>
internal sealed class Consents(IOpenIddictAuthorizationManager authorizations)
{
    /// <summary>The id of a valid permanent authorization of <paramref name="userId"/> for <paramref name="client"/> that covers every scope
    /// asked for, or null (the consent page is needed).</summary>
    public async Task<string?> FindAsync(string userId, OidcClient client, ImmutableArray<string> scopes, CancellationToken ct)
    {
        await foreach (var authorization in authorizations.FindAsync(userId, client.ApplicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, ct))
        {
            return await authorizations.GetIdAsync(authorization, ct);
        }
        return null;
    }

    /// <summary>Remembers the person's consent to <paramref name="scopes"/>; returns the authorization's id.</summary>
    public async Task<string> GrantAsync(ClaimsPrincipal principal, string userId, OidcClient client, ImmutableArray<string> scopes, CancellationToken ct)
    {
        var authorization = await authorizations.CreateAsync(principal, userId, client.ApplicationId, AuthorizationTypes.Permanent, scopes, ct);
        return await authorizations.GetIdAsync(authorization, ct) ?? throw new InvalidOperationException("an authorization without id");
    }
}

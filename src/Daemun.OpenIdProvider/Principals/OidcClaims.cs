using System.Collections.Immutable;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Daemun.OpenIdProvider.Clients;
using Daemun.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.OpenIdProvider.Principals;

/// <summary>The person as an app sees them: <c>sub</c> (the Daemun user id, or a pairwise value for the client's sector), the claims of each
/// granted scope, and where each claim goes (identity token, access token, or neither).</summary>
internal sealed class OidcClaims(IPairwiseSecret pairwise, IDataProtectionProvider dataProtection, IOptions<OpenIdProviderOptions> options)
{
    private readonly IDataProtector _reference = dataProtection.CreateProtector("Daemun.OpenIdProvider.UserReference");

    /// <summary>The principal of a sign-in: <paramref name="scopes"/> are those the app asked for and may have.</summary>
    public ClaimsPrincipal ForUser(UserRecord user, IReadOnlyList<AccountRecord> accounts, DateTimeOffset? authenticatedAt, string? identityProvider,
        OidcClient client, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity("Daemun.OpenIdProvider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, Subject(user.Id, client));
        identity.SetClaim(OidcScopes.UserIdClaim, user.Id);
        if (client.PairwiseSector is not null) identity.SetClaim(OidcScopes.UserReferenceClaim, _reference.Protect(user.Id));
        if (authenticatedAt is { } at) identity.SetClaim(Claims.AuthenticationTime, at.ToUnixTimeSeconds());
        if (identityProvider is { Length: > 0 }) identity.SetClaim(OidcScopes.IdentityProviderClaim, identityProvider);
        Profile(identity, user, accounts, scopes);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetResources(Audiences(scopes));
        principal.SetDestinations(DestinationsOf);
        return principal;
    }

    /// <summary>A refresh or code redemption: the same principal with the person's current profile (a changed name or email shows in the new
    /// tokens).</summary>
    public ClaimsPrincipal Refresh(ClaimsPrincipal principal, UserRecord user, IReadOnlyList<AccountRecord> accounts)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var name in new[] { Claims.Name, Claims.Picture, Claims.Email, Claims.EmailVerified, OidcScopes.ProvidersClaim })
        {
            identity.RemoveClaims(name);
        }
        Profile(identity, user, accounts, principal.GetScopes());
        principal.SetDestinations(DestinationsOf);
        return principal;
    }

    /// <summary>The principal of a machine client (client credentials): it acts as itself, <c>sub</c> = its client id.</summary>
    public ClaimsPrincipal ForMachine(OidcClient client, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity("Daemun.OpenIdProvider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, client.ClientId);
        identity.SetClaim(Claims.Name, client.DisplayName);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetResources(Audiences(scopes));
        principal.SetDestinations(c => c.Type == Claims.Subject ? [Destinations.AccessToken] : []);
        return principal;
    }

    /// <summary>The <c>sub</c> an app sees for a user: the user id, or for a pairwise client base64url(HMAC-SHA256(secret, sector | user id)).</summary>
    public string Subject(string userId, OidcClient client) => client.PairwiseSector is { } sector
        ? WebEncoders.Base64UrlEncode(HMACSHA256.HashData(pairwise.Get(), Encoding.UTF8.GetBytes($"{sector}|{userId}")))
        : userId;

    /// <summary>The Daemun user id behind an access token's principal (userinfo): the reference claim of a pairwise client, else <c>sub</c>.</summary>
    public string? UserIdOf(ClaimsPrincipal principal)
    {
        if (principal.GetClaim(OidcScopes.UserIdClaim) is { } id) return id;
        if (principal.GetClaim(OidcScopes.UserReferenceClaim) is { } reference)
        {
            try
            {
                return _reference.Unprotect(reference);
            }
            catch (CryptographicException)
            {
                return null;
            }
        }
        return principal.GetClaim(Claims.Subject);
    }

    /// <summary>The audiences of the API scopes among <paramref name="scopes"/>.</summary>
    public ImmutableArray<string> Audiences(IEnumerable<string> scopes)
    {
        var audiences = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            if (scope is OidcScopes.ManageRead or OidcScopes.Manage) audiences.Add(OidcScopes.ManagementAudience);
            else if (options.Value.ApiScopes.TryGetValue(scope, out var api)) audiences.Add(api.Audience is { Length: > 0 } a ? a : scope);
        }
        return [.. audiences];
    }

    /// <summary>The person's linked accounts when the <c>providers</c> scope is granted (the only claim made from them), else none —
    /// so a sign-in, refresh or userinfo without that scope reads no accounts.</summary>
    public static async Task<IReadOnlyList<AccountRecord>> AccountsForAsync(IUserStore store, string userId, ImmutableArray<string> scopes, CancellationToken ct) =>
        scopes.Contains(OidcScopes.Providers) ? await store.AccountsOfUserAsync(userId, ct) : [];

    /// <summary>The claims of the granted identity scopes, from the person's current record: the one list both the identity token and the
    /// userinfo answer are made from. Values are strings, a bool (<c>email_verified</c>) or a string array (<c>providers</c>).</summary>
    public static IEnumerable<KeyValuePair<string, object>> Released(UserRecord user, IReadOnlyList<AccountRecord> accounts, ImmutableArray<string> scopes)
    {
        if (scopes.Contains(Scopes.Profile))
        {
            if (user.Name is { Length: > 0 } name) yield return new(Claims.Name, name);
            if (user.Image is { Length: > 0 } image) yield return new(Claims.Picture, image);
        }
        if (scopes.Contains(Scopes.Email) && user.Email is { Length: > 0 } email)
        {
            yield return new(Claims.Email, email);
            // false for an address the person only typed (the new-user step): no provider vouched for it
            yield return new(Claims.EmailVerified, user.EmailVerified);
        }
        if (scopes.Contains(OidcScopes.Providers))
        {
            yield return new(OidcScopes.ProvidersClaim, accounts.Select(a => a.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
        }
    }

    private static void Profile(ClaimsIdentity identity, UserRecord user, IReadOnlyList<AccountRecord> accounts, ImmutableArray<string> scopes)
    {
        foreach (var (type, value) in Released(user, accounts, scopes))
        {
            switch (value)
            {
                case bool flag: identity.SetClaim(type, flag); break;
                case string[] values: identity.SetClaims(type, [.. values]); break;
                default: identity.SetClaim(type, (string)value); break;
            }
        }
    }

    /// <summary>Identity claims go to the identity token (and userinfo); the access token carries only <c>sub</c> and, for pairwise clients,
    /// the encrypted reference — an API learns who through userinfo, not from the token. The Daemun user id claim goes nowhere.</summary>
    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        OidcScopes.UserReferenceClaim => [Destinations.AccessToken],
        Claims.Name or Claims.Picture or Claims.Email or Claims.EmailVerified or OidcScopes.ProvidersClaim or Claims.AuthenticationTime
            or OidcScopes.IdentityProviderClaim => [Destinations.IdentityToken],
        _ => [],
    };
}

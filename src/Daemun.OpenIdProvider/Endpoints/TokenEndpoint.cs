using Daemun.OpenIdProvider.Principals;
using Daemun.OpenIdProvider.Clients;
using Daemun.OpenIdProvider.Logging;
using Daemun.Storage;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Daemun.OpenIdProvider.Endpoints;

/// <summary><c>POST /oidc/token</c>, after OpenIddict authenticated the client and validated the grant (code + PKCE verifier, refresh token
/// rotation and reuse detection, client credentials). What is Daemun's: a person who was deleted, disabled or signed out everywhere since
/// gets no more tokens, and the claims are re-read so that new tokens show the current profile.</summary>
internal sealed class TokenEndpoint(ClientDirectory clients, IUserStore store, OidcClaims claims, ILogger<TokenEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest();
        var ct = context.RequestAborted;
        if (request is null) return OidcResults.Forbid(OidcErrors.InvalidRequest, "The token request could not be read.");
        var client = await clients.FindAsync(request.ClientId, ct);
        if (client is null) return OidcResults.Forbid(OidcErrors.InvalidClient, "The client is not known.");

        if (request.IsClientCredentialsGrantType())
        {
            var scopes = request.GetScopes();
            // OpenIddict lets openid and offline_access through without a permission; a machine signs nobody in and gets no refresh token
            if (scopes.FirstOrDefault(s => OidcScopes.Identity.Contains(s)) is { } identity)
            {
                return OidcResults.Forbid(OidcErrors.InvalidScope, $"A machine client may ask only for API scopes, not {identity}.");
            }
            OidcLog.MachineToken(logger, client.ClientId, string.Join(' ', scopes));
            return OidcResults.SignIn(claims.ForMachine(client, scopes));
        }
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return OidcResults.Forbid(OidcErrors.UnsupportedGrantType, "This grant type is not supported.");
        }

        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal || claims.UserIdOf(principal) is not { } userId)
        {
            return OidcResults.Forbid(OidcErrors.InvalidGrant, "The grant is no longer valid.");
        }
        var user = await store.FindUserAsync(userId, ct);
        var refusal = user switch
        {
            null => "no longer exists",
            { Disabled: true } => "is disabled",
            { SessionsRevokedAt: { } revoked } when AuthenticatedAt(principal) is { } at && at <= revoked => "was signed out everywhere since",
            _ => null,
        };
        if (refusal is not null)
        {
            OidcLog.UserNoLongerAllowed(logger, client.ClientId, userId, refusal);
            return OidcResults.Forbid(OidcErrors.InvalidGrant, $"The person {refusal}.");
        }
        return OidcResults.SignIn(claims.Refresh(principal, user!, await OidcClaims.AccountsForAsync(store, userId, principal.GetScopes(), ct)));
    }

    private static DateTimeOffset? AuthenticatedAt(System.Security.Claims.ClaimsPrincipal principal) =>
        long.TryParse(principal.GetClaim(Claims.AuthenticationTime), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}

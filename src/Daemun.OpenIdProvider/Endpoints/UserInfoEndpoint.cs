using Daemun.OpenIdProvider.Principals;
using Daemun.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace Daemun.OpenIdProvider.Endpoints;

/// <summary><c>GET|POST /oidc/userinfo</c>: the claims of the access token's scopes, read from the person's current record.</summary>
internal sealed class UserInfoEndpoint(IUserStore store, OidcClaims claims)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal || claims.UserIdOf(principal) is not { } userId)
        {
            return OidcResults.Challenge(OidcErrors.InvalidToken, "The access token is not valid.");
        }
        var user = await store.FindUserAsync(userId, context.RequestAborted);
        if (user is null || user.Disabled) return OidcResults.Challenge(OidcErrors.InvalidToken, "The person behind this token can no longer sign in.");

        var answer = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = principal.GetClaim(Claims.Subject)! };
        var scopes = principal.GetScopes();
        var accounts = await OidcClaims.AccountsForAsync(store, userId, scopes, context.RequestAborted);
        foreach (var (type, value) in OidcClaims.Released(user, accounts, scopes)) answer[type] = value;
        return Results.Json(answer);
    }
}

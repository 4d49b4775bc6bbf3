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
internal sealed class UserInfoEndpoint(IDaemunStore store, OidcClaims claims)
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

        var scopes = principal.GetScopes();
        var answer = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = principal.GetClaim(Claims.Subject)! };
        if (scopes.Contains(Scopes.Profile))
        {
            if (user.Name is { Length: > 0 } name) answer[Claims.Name] = name;
            if (user.Image is { Length: > 0 } image) answer[Claims.Picture] = image;
        }
        if (scopes.Contains(Scopes.Email) && user.Email is { Length: > 0 } email)
        {
            answer[Claims.Email] = email;
            answer[Claims.EmailVerified] = user.EmailVerified;
        }
        if (scopes.Contains(OidcScopes.Providers))
        {
            var accounts = await store.AccountsOfUserAsync(userId, context.RequestAborted);
            answer[OidcScopes.ProvidersClaim] = accounts.Select(a => a.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        }
        return Results.Json(answer);
    }
}

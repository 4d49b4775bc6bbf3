using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;

namespace Daemun.OpenIdProvider.Endpoints;

/// <summary>The answers an endpoint hands back to OpenIddict, which turns them into the protocol's response (a redirect to the app, JSON).</summary>
internal static class OidcResults
{
    /// <summary>A protocol error (<c>login_required</c>, <c>invalid_grant</c>, …) with a description, answered by OpenIddict to the app.</summary>
    public static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>The userinfo endpoint's refusal of its token (<c>invalid_token</c>, in <c>WWW-Authenticate</c>).</summary>
    public static IResult Challenge(string error, string description) =>
        Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>Issue the tokens for <paramref name="principal"/>.</summary>
    public static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        Results.SignIn(principal, properties: null, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}

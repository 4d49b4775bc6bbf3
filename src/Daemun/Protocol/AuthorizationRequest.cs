using System.Security.Cryptography;
using System.Text;
using Daemun.Providers;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Protocol;

/// <summary>Builds the URL that sends the browser to the provider, with state always, PKCE S256 and nonce where the provider declares them.</summary>
internal static class AuthorizationRequest
{
    public static (string Url, SignInState State) Create(ProviderOptions p, ResolvedEndpoints endpoints, string redirectUri, string callbackUrl, DateTimeOffset now)
    {
        var state = new SignInState(
            p.Id,
            SignInState.Random(),
            p.UsePkce ? SignInState.Random() : null,
            p.UseNonce ? SignInState.Random() : null,
            redirectUri,
            callbackUrl,
            now);

        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["response_type"] = "code",
            ["client_id"] = p.ClientId,
            ["redirect_uri"] = redirectUri,
            ["state"] = state.State,
        };
        if (p.Scopes.Count > 0) query["scope"] = string.Join(p.ScopeSeparator, p.Scopes);
        if (state.CodeVerifier is { } verifier)
        {
            query["code_challenge"] = Challenge(verifier);
            query["code_challenge_method"] = "S256";
        }
        if (state.Nonce is { } nonce) query["nonce"] = nonce;
        foreach (var (key, value) in p.AuthorizationParameters)
        {
            if (!query.ContainsKey(key) || key == "scope") query[key] = value; // never lets configuration replace state, PKCE or nonce
        }
        return (QueryHelpers.AddQueryString(endpoints.Authorization, query), state);
    }

    /// <summary>The S256 code challenge: base64url(SHA-256(ASCII(verifier))).</summary>
    public static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}

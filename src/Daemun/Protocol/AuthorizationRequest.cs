using System.Security.Cryptography;
using System.Text;
using Daemun.Providers;
using Daemun.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Protocol;

/// <summary>Builds the URL that sends the browser to the provider, with state always, PKCE S256 and nonce where the provider declares them.</summary>
internal static class AuthorizationRequest
{
    public static (string Url, SignInState State) Create(
        ProviderOptions p, ResolvedEndpoints endpoints, string redirectUri, string callbackUrl, DateTimeOffset now, SignInIntent? intent = null)
    {
        intent ??= SignInIntent.Plain;
        var state = new SignInState(
            p.Id,
            RandomToken.New(),
            p.UsePkce ? RandomToken.New() : null,
            p.UseNonce ? RandomToken.New() : null,
            redirectUri,
            callbackUrl,
            now,
            intent.Reauthenticate,
            intent.AutoLogin && p.AutoLogin is not null,
            intent.LinkUserId);

        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["response_type"] = "code",
            [p.TokenRequest.ClientIdParameter] = p.ClientId, // TikTok: client_key, Deezer: app_id
            ["redirect_uri"] = redirectUri,
            ["state"] = state.State,
        };
        if (p.Scopes.Count > 0) query[p.ScopeParameter] = string.Join(p.ScopeSeparator, p.Scopes);
        if (state.CodeVerifier is { } verifier)
        {
            query["code_challenge"] = Challenge(verifier);
            query["code_challenge_method"] = "S256";
        }
        if (state.Nonce is { } nonce) query["nonce"] = nonce;
        foreach (var (key, value) in p.AuthorizationParameters)
        {
            if (!query.ContainsKey(key) || key == p.ScopeParameter) query[key] = value; // never lets configuration replace state, PKCE or nonce
        }
        foreach (var (key, value) in intent.PassThrough)
        {
            if (p.PassThroughParameters.Contains(key) && !query.ContainsKey(key)) query[key] = value;
        }
        if (intent.Reprompt)
        {
            foreach (var (key, value) in p.RepromptParameters) query[key] = value;
        }
        if (state.AutoLogin)
        {
            foreach (var (key, value) in p.AutoLogin!.Parameters) query[key] = value;
        }
        if (intent.Reauthenticate)
        {
            foreach (var (key, value) in p.ReauthenticationParameters) query[key] = value;
        }
        return (QueryHelpers.AddQueryString(endpoints.Authorization, query), state);
    }

    /// <summary>What the sign-in call asks beyond a plain sign-in.</summary>
    /// <param name="Reauthenticate">Make the provider authenticate the person again (<see cref="ProviderOptions.ReauthenticationParameters"/>).</param>
    /// <param name="PassThrough">Parameters from the sign-in form, sent when the provider lists them in <see cref="ProviderOptions.PassThroughParameters"/>.</param>
    /// <param name="Reprompt">Ask again for items the person declined (<see cref="ProviderOptions.RepromptParameters"/>).</param>
    /// <param name="AutoLogin">The automatic attempt inside the provider's app (<see cref="ProviderOptions.AutoLogin"/>).</param>
    /// <param name="LinkUserId">The account page's "connect" (<c>intent=link</c>): the signed-in user the new account is to be linked to.</param>
    internal sealed record SignInIntent(bool Reauthenticate, IReadOnlyDictionary<string, string> PassThrough, bool Reprompt = false, bool AutoLogin = false,
        string? LinkUserId = null)
    {
        public static readonly SignInIntent Plain = new(false, new Dictionary<string, string>());

        /// <summary>The sign-in page's automatic start inside the provider's app.</summary>
        public static readonly SignInIntent AutoLoginAttempt = Plain with { AutoLogin = true };
    }

    /// <summary>The S256 code challenge: base64url(SHA-256(ASCII(verifier))).</summary>
    public static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Providers;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Protocol;

/// <summary>OAuth 1.0a (RFC 5849) for <see cref="ProviderKind.OAuth1"/> providers: the temporary credentials and the authorization URL when a
/// sign-in starts, the token credentials for the verifier at the callback, and the signature on the profile request. The temporary
/// credentials' <c>oauth_token</c> is the sign-in's state (so a callback must bring back the one this browser started, RFC 5849 §4.6's
/// session fixation) and their secret is kept only in the encrypted <see cref="SignInState"/>.</summary>
internal sealed class OAuth1Client(ProviderHttp http, TimeProvider time)
{
    /// <summary>§2.1 then §2.2: obtains temporary credentials (with <c>oauth_callback</c> = our callback) and builds the authorization URL.</summary>
    public async Task<(string Url, SignInState State)> BeginAsync(ProviderOptions p, string redirectUri, string callbackUrl,
        AuthorizationRequest.SignInIntent intent, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, p.RequestTokenEndpoint);
        if (p.RequestTokenParameters.Count > 0) request.Content = new FormUrlEncodedContent(p.RequestTokenParameters);
        await SignAsync(request, p, null, [new("oauth_callback", redirectUri)], ct);
        var answer = Read(await http.SendAsync(request, "request token", ct), "request token");
        var (token, secret) = Credentials(answer, "request token");
        if (!string.Equals(Value(answer, "oauth_callback_confirmed"), "true", StringComparison.Ordinal))
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "request token: oauth_callback_confirmed is not true (RFC 5849 §2.1)");
        }

        var state = new SignInState(p.Id, token, null, null, redirectUri, callbackUrl, now, intent.Reauthenticate, AutoLogin: false, intent.LinkUserId)
        {
            TokenSecret = secret,
        };
        var query = new Dictionary<string, string?>(StringComparer.Ordinal) { ["oauth_token"] = token };
        foreach (var (key, value) in p.AuthorizationParameters) query.TryAdd(key, value);
        foreach (var (key, value) in intent.PassThrough)
        {
            if (p.PassThroughParameters.Contains(key)) query.TryAdd(key, value);
        }
        if (intent.Reauthenticate)
        {
            foreach (var (key, value) in p.ReauthenticationParameters)
            {
                if (key != "oauth_token") query[key] = value;
            }
        }
        return (QueryHelpers.AddQueryString(p.AuthorizationEndpoint!, query), state);
    }

    /// <summary>§2.3: exchanges the verifier for token credentials, signed with the temporary credentials. The account keeps them as
    /// <see cref="OAuth1Credentials"/>; the answer's other parameters (Flickr's <c>fullname</c>) are the token response a
    /// <see cref="ProfileRequest.Combine"/> can read.</summary>
    public async Task<TokenSet> ExchangeVerifierAsync(ProviderOptions p, string verifier, SignInState state, CancellationToken ct)
    {
        if (state.TokenSecret is not { } temporarySecret) throw new DaemunException(ErrorCode.StateInvalid, "the sign-in in progress holds no temporary credentials");
        using var request = new HttpRequestMessage(HttpMethod.Post, p.AccessTokenEndpoint);
        await SignAsync(request, p, new OAuth1Credentials(state.State, temporarySecret), [new("oauth_verifier", verifier)], ct);
        var answer = Read(await http.SendAsync(request, "access token", ct), "access token");
        var (token, secret) = Credentials(answer, "access token");
        var others = answer.Where(a => a.Key is not "oauth_token" and not "oauth_token_secret")
            .GroupBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        return new TokenSet(new OAuth1Credentials(token, secret).Encode(), null, null, TokenType, null, null, JsonSerializer.SerializeToElement(others));
    }

    /// <summary>Signs a profile request made by the declaration's <see cref="ProfileRequest"/> with the account's token credentials (its
    /// Bearer header is replaced by the OAuth one).</summary>
    public Func<HttpRequestMessage, CancellationToken, Task> Signer(ProviderOptions p, TokenSet tokens)
    {
        var credentials = OAuth1Credentials.Decode(tokens.AccessToken)
            ?? throw new DaemunException(ErrorCode.InvalidProviderResponse, "profile: the account holds no OAuth 1.0a token credentials");
        return (request, ct) =>
        {
            request.Headers.Authorization = null;
            return SignAsync(request, p, credentials, [], ct);
        };
    }

    /// <summary>The <c>token_type</c> an OAuth 1.0a account's tokens carry.</summary>
    public const string TokenType = "OAuth1";

    /// <summary>§3.1: the protocol parameters (consumer key, nonce, timestamp, HMAC-SHA1, version 1.0, the token when there is one, and
    /// <paramref name="extra"/>), signed over the request's method, URL, query and form body, sent in the Authorization header (§3.5.1).</summary>
    private async Task SignAsync(HttpRequestMessage request, ProviderOptions p, OAuth1Credentials? token,
        IEnumerable<KeyValuePair<string, string>> extra, CancellationToken ct)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("oauth_consumer_key", p.ClientId!),
            new("oauth_nonce", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
            new("oauth_signature_method", OAuth1Signature.HmacSha1),
            new("oauth_timestamp", time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("oauth_version", "1.0"),
        };
        if (token is not null) parameters.Add(new("oauth_token", token.Token));
        parameters.AddRange(extra);
        var form = request.Content is { Headers.ContentType.MediaType: "application/x-www-form-urlencoded" } content
            ? OAuth1Signature.ParseForm(await content.ReadAsStringAsync(ct))
            : [];
        var baseString = OAuth1Signature.BaseString(request.Method.Method, request.RequestUri!, parameters, form);
        parameters.Add(new("oauth_signature", OAuth1Signature.Sign(baseString, p.ClientSecret ?? "", token?.Secret)));
        request.Headers.TryAddWithoutValidation("Authorization", OAuth1Signature.AuthorizationHeader(parameters));
    }

    /// <summary>A credentials answer (§2.1, §2.3): HTTP 200 with a form-encoded body. A refusal names only the provider's
    /// <c>oauth_problem</c> (the OAuth Problem Reporting extension), never the body.</summary>
    private static List<KeyValuePair<string, string>> Read(ProviderResponse response, string what)
    {
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"{what}: HTTP {response.Status}");
        var answer = OAuth1Signature.ParseForm(response.Body.Trim());
        if (response.Status != 200)
        {
            var problem = Value(answer, "oauth_problem") is { } p ? $" oauth_problem={ProviderErrors.Safe(p)}" : "";
            throw new DaemunException(ErrorCode.TokenRequestFailed, $"{what}: HTTP {response.Status}{problem}");
        }
        return answer;
    }

    private static (string Token, string Secret) Credentials(List<KeyValuePair<string, string>> answer, string what)
    {
        var token = Value(answer, "oauth_token");
        var secret = Value(answer, "oauth_token_secret");
        if (string.IsNullOrEmpty(token) || secret is null)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"{what}: the answer has no oauth_token and oauth_token_secret");
        }
        return (token, secret);
    }

    private static string? Value(List<KeyValuePair<string, string>> answer, string name) =>
        answer.FirstOrDefault(a => a.Key == name) is { Key: not null } found ? found.Value : null;
}

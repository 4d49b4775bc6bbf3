using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Infrastructure;

/// <summary>An app of Daemun's OpenID Provider, driven over real HTTP: builds authorization requests (PKCE S256), signs the person in
/// through the emulator with a <see cref="TestBrowser"/>, redeems codes and refresh tokens at the token endpoint.</summary>
public sealed class OidcTestClient(TestSite site, string clientId, string? clientSecret, string redirectUri)
{
    public string ClientId => clientId;
    public string RedirectUri => redirectUri;

    /// <summary>A fresh PKCE verifier and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (verifier, WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The authorize URL (path and query) with the usual parameters; <paramref name="extra"/> adds or overrides (null removes).</summary>
    public string AuthorizeUrl(string challenge, string scope = "openid profile email", IDictionary<string, string?>? extra = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = "st-" + Guid.NewGuid().ToString("N"),
            ["nonce"] = "n-" + Guid.NewGuid().ToString("N"),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) query[k] = v;
        return QueryHelpers.AddQueryString("/oidc/authorize", query.Where(p => p.Value is not null)!);
    }

    /// <summary>Follows the authorization request as a browser would, signing in at <paramref name="provider"/> as <paramref name="person"/>
    /// when Daemun asks, until Daemun redirects to the app (or stops elsewhere). Returns the last response's Location.</summary>
    public async Task<string> AuthorizeAsync(TestBrowser browser, string authorizeUrl, string provider = "naver", string person = "kim")
    {
        var url = authorizeUrl;
        for (var hop = 0; hop < 12; hop++)
        {
            using var response = await browser.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            {
                throw new InvalidOperationException($"stopped at {url}: {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync())[..Math.Min(400, (int)(response.Content.Headers.ContentLength ?? 400))]}");
            }
            var location = response.Headers.Location!.ToString();
            if (location.StartsWith(redirectUri, StringComparison.Ordinal)) return location;
            if (location.Contains("/api/auth/signin?", StringComparison.Ordinal))
            {
                var callbackUrl = QueryHelpers.ParseQuery(new Uri(new Uri(site.BaseUrl), location).Query)["callbackUrl"].ToString();
                var start = await browser.StartAsync(provider, callbackUrl);
                var back = await browser.ConsentAsync(start, person);
                url = back;
                continue;
            }
            if (location.StartsWith(site.Emulator.BaseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal))
            {
                url = await browser.ConsentAsync(location, person);
                continue;
            }
            url = location;
        }
        throw new InvalidOperationException("too many redirects");
    }

    /// <summary>The code (and state) in the app's redirect.</summary>
    public static (string? Code, string? State, string? Error) ReadRedirect(string location)
    {
        var q = QueryHelpers.ParseQuery(new Uri(location).Query);
        return (q.TryGetValue("code", out var c) ? c.ToString() : null, q.TryGetValue("state", out var s) ? s.ToString() : null,
            q.TryGetValue("error", out var e) ? e.ToString() : null);
    }

    /// <summary>POST /oidc/token with the client's credentials (basic when it has a secret) and <paramref name="form"/>.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(IDictionary<string, string> form, string? secret = "")
    {
        using var http = new HttpClient();
        var fields = new Dictionary<string, string>(form) { ["client_id"] = clientId };
        var useSecret = secret == "" ? clientSecret : secret;
        if (useSecret is not null) fields["client_secret"] = useSecret;
        using var response = await http.PostAsync(site.BaseUrl + "/oidc/token", new FormUrlEncodedContent(fields));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    /// <summary>Redeems a code.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(string code, string verifier) => TokenAsync(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = redirectUri,
        ["code_verifier"] = verifier,
    });

    /// <summary>Uses a refresh token.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refreshToken, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        if (scope is not null) form["scope"] = scope;
        return TokenAsync(form);
    }

    /// <summary>Signs in through the app's full code flow and redeems the code: the token response.</summary>
    public async Task<JsonElement> SignInAsync(TestBrowser browser, string scope = "openid profile email", string provider = "naver", string person = "kim",
        IDictionary<string, string?>? extra = null)
    {
        var (verifier, challenge) = Pkce();
        var location = await AuthorizeAsync(browser, AuthorizeUrl(challenge, scope, extra), provider, person);
        var (code, _, error) = ReadRedirect(location);
        if (code is null) throw new InvalidOperationException($"no code: {error} ({location})");
        var (status, body) = await RedeemAsync(code, verifier);
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"token: {(int)status} {body}");
        return body;
    }
}

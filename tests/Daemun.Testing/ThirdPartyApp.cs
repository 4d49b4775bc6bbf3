using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Infrastructure;

/// <summary>An app registered at a <see cref="TestSite"/>'s OpenID Provider as a confidential <c>web</c> client, speaking the authorization
/// code flow (with PKCE) by hand: the browser's side through a <see cref="TestBrowser"/>, the back channel with its own HTTP client.
/// <see cref="Settings"/> gives the configuration keys that register it.</summary>
public sealed partial class ThirdPartyApp(TestSite site, string clientId)
{
    public const string Secret = "a-test-secret-of-the-app-0123456789";

    public string ClientId { get; } = clientId;
    public string RedirectUri => $"https://{ClientId}.example/callback";

    /// <summary>The keys that register an app <paramref name="clientId"/> (third-party unless <paramref name="firstParty"/>).</summary>
    public static Dictionary<string, string?> Settings(string clientId, bool firstParty = false, string? displayName = null)
    {
        var key = $"Daemun:OpenIdProvider:Clients:{clientId}:";
        return new Dictionary<string, string?>
        {
            [key + "Type"] = "web",
            [key + "ClientSecret"] = Secret,
            [key + "RedirectUris:0"] = $"https://{clientId}.example/callback",
            [key + "Scopes:0"] = "openid",
            [key + "Scopes:1"] = "profile",
            [key + "Scopes:2"] = "email",
            [key + "Scopes:3"] = "offline_access",
            [key + "FirstParty"] = firstParty ? "true" : "false",
            [key + "DisplayName"] = displayName ?? $"App {clientId}",
            [key + "LogoUri"] = $"https://{clientId}.example/logo.png",
        };
    }

    private readonly string _verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>GET /oidc/authorize in <paramref name="browser"/>: a 302 to the app (code or error), or the consent page (200).</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(TestBrowser browser, string scope = "openid profile offline_access", string? prompt = null)
    {
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(_verifier)));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = "state-" + ClientId,
            ["nonce"] = "nonce-" + ClientId,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        if (prompt is not null) query["prompt"] = prompt;
        return browser.GetAsync(QueryHelpers.AddQueryString("/oidc/authorize", query));
    }

    /// <summary>Answers the consent page <paramref name="html"/> as a person would (<paramref name="answer"/> allow or deny): its form,
    /// POSTed back as the browser would send it. <paramref name="change"/> may alter the form first.</summary>
    public static Task<HttpResponseMessage> AnswerAsync(TestBrowser browser, string html, string answer, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var form = ConsentForm().Match(html);
        Assert.True(form.Success, "no consent form on the page");
        var fields = Hidden().Matches(form.Groups["body"].Value)
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value))).ToList();
        fields.Add(new("consent", answer));
        change?.Invoke(fields);
        return browser.PostFormAsync(WebUtility.HtmlDecode(form.Groups["action"].Value), fields);
    }

    /// <summary>The query of a redirect to the app (the code, or the error), after checking it goes to the app with its state.</summary>
    public Dictionary<string, string> Returned(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect to the app, got {(int)response.StatusCode}");
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(RedirectUri + "?", location, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        Assert.Equal("state-" + ClientId, query["state"]);
        return query;
    }

    /// <summary>POST /oidc/token: the JSON answer and its status.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json)> TokenAsync(Dictionary<string, string> form)
    {
        using var http = new HttpClient();
        form["client_id"] = ClientId;
        form["client_secret"] = Secret;
        using var response = await http.PostAsync(site.BaseUrl + "/oidc/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Redeems the code of <paramref name="response"/> (a redirect to the app); returns the refresh token.</summary>
    public async Task<string> RedeemAsync(HttpResponseMessage response)
    {
        var code = Returned(response)["code"];
        var (status, json) = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = _verifier,
        });
        Assert.True(status == HttpStatusCode.OK, $"token request: {(int)status} {json}");
        return json.GetProperty("refresh_token").GetString()!;
    }

    /// <summary>Uses a refresh token: the new refresh token, or the <c>error</c> the server answered.</summary>
    public async Task<(string? RefreshToken, string? Error)> RefreshAsync(string refreshToken)
    {
        var (status, json) = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });
        return status == HttpStatusCode.OK
            ? (json.GetProperty("refresh_token").GetString(), null)
            : (null, json.TryGetProperty("error", out var error) ? error.GetString() : $"HTTP {(int)status}");
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\" id=\"consent-form\">(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex ConsentForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex Hidden();
}

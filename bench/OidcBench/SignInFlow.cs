using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace OidcBench;

/// <summary>One complete sign-in as a new browser (fresh cookie jar, no redirect following), failing loudly on any unexpected answer.
/// <c>oidc</c>: the app's authorization request (PKCE S256) → Daemun's sign-in page → POST /api/auth/signin/naver → the emulated Naver's
/// consent page and answer → Daemun's callback → the authorization request again → the code at the app's redirect URI → the code redeemed
/// at /oidc/token (client_secret_basic + code_verifier) for an id_token and an access token.
/// <c>signin</c>: the same Daemun sign-in without the OpenID Provider around it (sign-in page → Naver → callback → session cookie).</summary>
internal sealed partial class SignInFlow(Uri baseUrl, string mode, string clientId, string clientSecret, string redirectUri, string person)
{
    /// <summary>HTTP requests one flow sends: to Daemun, and to the emulator (its back-channel calls from Daemun are not counted here).</summary>
    public (int Daemun, int Emulator) Requests => mode == "oidc" ? (6, 2) : (3, 2);

    /// <summary>The first code seen (for the report: its JWE header tells the encryption key size).</summary>
    public static string? SampleCode { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (mode == "oidc") await OidcAsync(http, handler.CookieContainer, ct);
        else await SignInAsync(http, handler.CookieContainer, "/api/auth/signin?callbackUrl=%2F", ct);
    }

    private async Task OidcAsync(HttpClient http, CookieContainer cookies, CancellationToken ct)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var authorize = QueryHelpers.AddQueryString("/oidc/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code", ["scope"] = "openid",
            ["state"] = state, ["nonce"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });
        var signInPage = await RedirectAsync("1 GET /oidc/authorize (no session)", http, HttpMethod.Get, authorize, null, ct);
        if (!signInPage.Contains("/api/auth/signin?", StringComparison.Ordinal)) throw new FlowException($"authorize did not send to the sign-in page: {signInPage}");
        var back = await SignInAsync(http, cookies, signInPage, ct);
        var appRedirect = await RedirectAsync("7 GET /oidc/authorize (signed in): code", http, HttpMethod.Get, back, null, ct);
        if (!appRedirect.StartsWith(redirectUri + "?", StringComparison.Ordinal)) throw new FlowException($"authorize did not return to the app: {appRedirect}");
        var query = QueryHelpers.ParseQuery(new Uri(appRedirect).Query);
        if (query["state"] != state || string.IsNullOrEmpty(query["code"])) throw new FlowException($"no code or wrong state: {appRedirect}");
        var code = query["code"].ToString();
        SampleCode ??= code;

        using var token = new HttpRequestMessage(HttpMethod.Post, "/oidc/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = verifier,
            }),
        };
        token.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(token, ct);
        Steps.Add("8 POST /oidc/token (code + PKCE)", started);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new FlowException($"token: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        if (!json.RootElement.TryGetProperty("id_token", out _) || !json.RootElement.TryGetProperty("access_token", out _))
        {
            throw new FlowException($"token response without id_token or access_token: {body}");
        }
    }

    /// <summary>Daemun's sign-in page at <paramref name="page"/> → Naver (emulated) → callback; returns where the callback redirects.</summary>
    private async Task<string> SignInAsync(HttpClient http, CookieContainer cookies, string page, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var pageResponse = await http.GetAsync(page, ct);
        Steps.Add("2 GET /api/auth/signin (page)", started);
        var html = await pageResponse.Content.ReadAsStringAsync(ct);
        if (pageResponse.StatusCode != HttpStatusCode.OK) throw new FlowException($"sign-in page: {(int)pageResponse.StatusCode}");
        var form = NaverForm().Match(html);
        if (!form.Success) throw new FlowException("sign-in page without the Naver form");
        var fields = new Dictionary<string, string>
        {
            ["csrfToken"] = WebUtility.HtmlDecode(form.Groups["csrf"].Value),
            ["callbackUrl"] = WebUtility.HtmlDecode(form.Groups["callback"].Value),
        };
        var atNaver = await RedirectAsync("3 POST /api/auth/signin/naver", http, HttpMethod.Post, "/api/auth/signin/naver", fields, ct);

        started = Stopwatch.GetTimestamp();
        using var consent = await http.GetAsync(atNaver, ct);
        Steps.Add("4 GET emulator consent page", started);
        var consentHtml = await consent.Content.ReadAsStringAsync(ct);
        if (consent.StatusCode != HttpStatusCode.OK) throw new FlowException($"emulator consent page {atNaver}: {(int)consent.StatusCode}");
        var requestId = RequestId().Match(consentHtml).Groups[1].Value;
        var action = new Uri(new Uri(atNaver), WebUtility.HtmlDecode(FormAction().Match(consentHtml).Groups[1].Value));
        var callback = await RedirectAsync("5 POST emulator consent", http, HttpMethod.Post, action.ToString(),
            new Dictionary<string, string> { ["request_id"] = requestId, ["person"] = person, ["decision"] = "allow" }, ct);

        var after = await RedirectAsync("6 GET /api/auth/callback/naver (server calls emulator)", http, HttpMethod.Get, callback, null, ct);
        if (after.Contains("/api/auth/error", StringComparison.Ordinal)) throw new FlowException($"sign-in failed: {after}");
        if (cookies.GetCookies(http.BaseAddress!).All(c => c.Name != "daemun.session-token")) throw new FlowException("no session cookie after the callback");
        return after;
    }

    /// <summary>Sends one request that must answer with a redirect; returns the Location (absolute, or relative to Daemun).</summary>
    private static async Task<string> RedirectAsync(string step, HttpClient http, HttpMethod method, string url, Dictionary<string, string>? form, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, ct);
        Steps.Add(step, started);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) || response.Headers.Location is null)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new FlowException($"{method} {url}: expected a redirect, got {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }
        return response.Headers.Location.ToString();
    }

    [GeneratedRegex("<form method=\"post\" action=\"/api/auth/signin/naver\">\\s*<input type=\"hidden\" name=\"csrfToken\" value=\"(?<csrf>[^\"]*)\">\\s*<input type=\"hidden\" name=\"callbackUrl\" value=\"(?<callback>[^\"]*)\">")]
    private static partial Regex NaverForm();

    [GeneratedRegex("name=\"request_id\" value=\"([^\"]+)\"")]
    private static partial Regex RequestId();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}

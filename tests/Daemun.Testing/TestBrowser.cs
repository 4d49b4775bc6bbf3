using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Daemun.Tests.Infrastructure;

/// <summary>A cookie-keeping HTTP client that walks the sign-in flow the way a browser would, one redirect at a time.</summary>
public sealed partial class TestBrowser : IDisposable
{
    private readonly TestSite _site;
    private readonly HttpClient _http;

    public TestBrowser(TestSite site)
    {
        _site = site;
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    public string Url(string path) => path.StartsWith("http", StringComparison.Ordinal) ? path : _site.BaseUrl + path;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(Url(path));

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form) =>
        _http.PostAsync(Url(path), new FormUrlEncodedContent(form));

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Sends this User-Agent on every later request (none by default).</summary>
    public void UseUserAgent(string value) => Assert.True(_http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", value));

    /// <summary>GET /api/auth/csrf.</summary>
    public async Task<string> CsrfAsync()
    {
        using var response = await GetAsync("/api/auth/csrf");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("csrfToken").GetString()!;
    }

    /// <summary>POST /api/auth/signin/{provider} with a valid CSRF token; returns the provider's authorization URL.</summary>
    public async Task<string> StartAsync(string provider, string? callbackUrl = null)
    {
        var form = new Dictionary<string, string> { ["csrfToken"] = await CsrfAsync() };
        if (callbackUrl is not null) form["callbackUrl"] = callbackUrl;
        using var response = await PostFormAsync($"/api/auth/signin/{provider}", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    /// <summary>Opens the emulator's consent page at <paramref name="authorizeUrl"/> and answers it; returns where the provider redirects (our callback).</summary>
    public async Task<string> ConsentAsync(string authorizeUrl, string person = "kim", string decision = "allow", params string[] decline)
    {
        using var page = await _http.GetAsync(authorizeUrl);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode == HttpStatusCode.Redirect) return page.Headers.Location!.ToString(); // e.g. an authorize error fault
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"consent page: {(int)page.StatusCode} {html}");
        var requestId = RequestId().Match(html).Groups[1].Value;
        var action = FormAction().Match(html).Groups[1].Value;
        var form = new List<KeyValuePair<string, string>> { new("request_id", requestId), new("person", person), new("decision", decision) };
        form.AddRange(decline.Select(d => new KeyValuePair<string, string>("decline", d)));
        var consentUrl = new Uri(new Uri(authorizeUrl), WebUtility.HtmlDecode(action));
        using var answer = await _http.PostAsync(consentUrl, new FormUrlEncodedContent(form));
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"consent answer: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        return answer.Headers.Location!.ToString();
    }

    /// <summary>The whole flow: start, consent, callback. Returns the callback's response (a 302 to the callbackUrl or the error page).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string provider, string person = "kim", string? callbackUrl = null, params string[] decline)
    {
        var authorize = await StartAsync(provider, callbackUrl);
        var callback = await ConsentAsync(authorize, person, "allow", decline);
        return await GetAsync(callback);
    }

    /// <summary>GET /api/auth/session as JSON.</summary>
    public async Task<JsonElement> SessionAsync()
    {
        using var response = await GetAsync("/api/auth/session");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The error code a response carries: from a redirect to /error?error=…, or from the error page itself.</summary>
    public static string? ErrorCodeOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.ToString();
        if (location is null || !location.Contains("/api/auth/error?error=", StringComparison.Ordinal)) return null;
        var code = location[(location.IndexOf("error=", StringComparison.Ordinal) + 6)..];
        return code.Split('&')[0]; // a provider's refusal adds &providerError=…
    }

    /// <summary>A cookie this browser holds for the site.</summary>
    public Cookie? Cookie(string name) => Cookies.GetCookies(new Uri(_site.BaseUrl)).FirstOrDefault(c => c.Name == name);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"request_id\" value=\"([^\"]+)\"")]
    private static partial Regex RequestId();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}

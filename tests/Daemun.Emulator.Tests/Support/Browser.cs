using System.Net;
using System.Text.RegularExpressions;

namespace Daemun.Emulator.Tests.Support;

/// <summary>A person's browser, driven over plain HTTP: no automatic redirects, keeps cookies.</summary>
internal sealed partial class Browser : IDisposable
{
    public const string Callback = "http://127.0.0.1:5000/api/auth/callback";

    private readonly ProviderEmulator emulator;

    public Browser(ProviderEmulator emulator)
    {
        this.emulator = emulator;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = emulator.BaseUrl,
        };
    }

    public HttpClient Http { get; }

    /// <summary>The provider's authorize URL with response_type, client_id and redirect_uri, plus extras (null values skipped).</summary>
    public string AuthorizeUrl(string provider, params (string Name, string? Value)[] extra)
    {
        var client = emulator.Client(provider);
        (string, string?)[] basics = [("response_type", "code"), ("client_id", client.ClientId), ("redirect_uri", Callback)];
        return Url(emulator.EndpointsFor(provider).AuthorizationEndpoint, basics.Concat(extra));
    }

    public static string Url(string url, IEnumerable<(string Name, string? Value)> parameters) =>
        url + "?" + string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>Opens the authorize URL and returns the consent page's request_id.</summary>
    public async Task<string> OpenConsentAsync(string authorizeUrl)
    {
        using var response = await Http.GetAsync(new Uri(authorizeUrl));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"authorize answered {(int)response.StatusCode}: {html}");
        return RequestIdPattern().Match(html).Groups[1].Value;
    }

    /// <summary>Opens the authorize URL and returns the consent page's request_id and HTML.</summary>
    public async Task<(string RequestId, string Html)> OpenConsentPageAsync(string authorizeUrl)
    {
        using var response = await Http.GetAsync(new Uri(authorizeUrl));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"authorize answered {(int)response.StatusCode}: {html}");
        return (RequestIdPattern().Match(html).Groups[1].Value, html);
    }

    /// <summary>Submits the consent form; returns the raw Location header.</summary>
    public async Task<string> SubmitConsentAsync(string provider, string requestId, string person = "kim", string decision = "allow", params string[] decline)
    {
        var fields = new List<KeyValuePair<string, string>> { new("request_id", requestId), new("person", person), new("decision", decision) };
        fields.AddRange(decline.Select(d => new KeyValuePair<string, string>("decline", d)));
        using var response = await Http.PostAsync(new Uri($"/{provider}/consent", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Authorize, pick a person, allow; returns the callback's query parameters.</summary>
    public async Task<Dictionary<string, string>> SignInAsync(string provider, string authorizeUrl, string person = "kim", params string[] decline)
    {
        var requestId = await OpenConsentAsync(authorizeUrl);
        var location = await SubmitConsentAsync(provider, requestId, person, "allow", decline);
        Assert.StartsWith(Callback, location, StringComparison.Ordinal);
        return Query(location);
    }

    /// <summary>Signs in and returns the code.</summary>
    public async Task<string> CodeAsync(string provider, string authorizeUrl, string person = "kim", params string[] decline) =>
        (await SignInAsync(provider, authorizeUrl, person, decline))["code"];

    public static Dictionary<string, string> Query(string url)
    {
        var query = url.Contains('?', StringComparison.Ordinal) ? url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => WebUtility.UrlDecode(kv[0]), kv => WebUtility.UrlDecode(kv.Length > 1 ? kv[1] : ""));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"request_id\" value=\"([^\"]+)\"")]
    private static partial Regex RequestIdPattern();
}

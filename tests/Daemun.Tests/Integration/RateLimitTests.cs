using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Finding 9: per-client rate limits on sign-in starts (including the autologin GET /signin, which writes a started sign-in), provider
/// callbacks and new-user submissions. A refused request gets 429 with Retry-After — a localized page for browsers, JSON for others — writes
/// nothing, and is logged once per window; another client (IP address) is not affected. Small limits here; the test site turns them off.</summary>
public sealed class RateLimitTests
{
    private const string NaverApp = "Mozilla/5.0 (iPhone; CPU iPhone OS like Mac OS X) AppleWebKit/605.1.15 NAVER(inapp; search; 620; 10.10.2; XR)";

    [Fact]
    public async Task Sign_in_starts_beyond_the_limit_get_429_with_Retry_After_and_write_no_started_sign_in()
    {
        await using var site = await StartAsync(("SignIn", 3));
        using var browser = site.NewBrowser();
        var csrf = await browser.CsrfAsync();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await browser.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", csrf)]);
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.Null(TestBrowser.ErrorCodeOf(ok));
        }
        var rows = site.Count("sign_in_requests");

        for (var i = 0; i < 3; i++)
        {
            using var refused = await browser.PostFormAsync("/api/auth/signin/kakao", [new("csrfToken", csrf)]);
            await AssertRefusedAsJsonAsync(refused);
        }
        Assert.Equal(rows, site.Count("sign_in_requests"));
        Assert.Single(site.Logs.Lines, l => l.Contains("Rate limit SignIn reached by client 127.0.0.1", StringComparison.Ordinal)); // once per window
    }

    [Theory]
    [InlineData("ko", "요청이 너무 많습니다")]
    [InlineData("en", "Too many attempts")]
    [InlineData("ja", "リクエストが多すぎます")]
    [InlineData("fr", "Trop de tentatives")]
    public async Task A_browser_gets_the_refusal_as_a_page_in_its_language(string language, string words)
    {
        await using var site = await StartAsync(("SignIn", 1));
        using var browser = site.NewBrowser();
        var csrf = await browser.CsrfAsync();
        (await browser.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", csrf)])).Dispose();

        using var request = new HttpRequestMessage(HttpMethod.Post, browser.Url("/api/auth/signin/naver"))
        {
            Content = new FormUrlEncodedContent([new("csrfToken", csrf)]),
        };
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var page = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(words, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_autologin_GET_signin_is_limited_but_a_plain_view_of_the_sign_in_page_is_not()
    {
        await using var site = await StartAsync(("SignIn", 2));
        using var browser = site.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            using var view = await browser.GetAsync("/api/auth/signin");
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, browser.Url("/api/auth/signin"));
            request.Headers.TryAddWithoutValidation("User-Agent", NaverApp);
            using var response = await browser.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.NotNull(response.Headers.RetryAfter);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, site.Count("sign_in_requests")); // anonymous floods no longer write a row each
    }

    [Fact]
    public async Task Callbacks_beyond_the_limit_get_429()
    {
        await using var site = await StartAsync(("Callback", 2));
        using var browser = site.NewBrowser();
        for (var i = 0; i < 2; i++)
        {
            using var answered = await browser.GetAsync("/api/auth/callback/naver?code=forged&state=forged");
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode); // refused on its merits (no sign-in in progress)
        }
        using var refused = await browser.GetAsync("/api/auth/callback/naver?code=forged&state=forged");
        await AssertRefusedAsJsonAsync(refused);
        using var post = await browser.PostFormAsync("/api/auth/callback/naver", [new("code", "forged"), new("state", "forged")]);
        await AssertRefusedAsJsonAsync(post);
    }

    [Fact]
    public async Task New_user_submissions_beyond_the_limit_get_429_so_EmailInUse_cannot_be_asked_without_end()
    {
        await using var site = await StartAsync(("NewUser", 2));
        using (var owner = site.NewBrowser()) (await owner.SignInAsync("naver", "kim")).Dispose(); // his address is taken from now on
        const string taken = "MINJUN.KIM@example.com";
        using var prober = site.NewBrowser();
        (await prober.SignInAsync("naver", "lee")).Dispose();
        var csrf = await prober.CsrfAsync();

        for (var i = 0; i < 2; i++)
        {
            using var answered = await prober.PostFormAsync("/api/auth/new-user", [new("csrfToken", csrf), new("email", taken), new("callbackUrl", "/")]);
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
            Assert.Contains("error=EmailInUse", answered.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        using var refused = await prober.PostFormAsync("/api/auth/new-user", [new("csrfToken", csrf), new("email", taken), new("callbackUrl", "/")]);
        await AssertRefusedAsJsonAsync(refused);
    }

    [Fact]
    public async Task Another_client_address_has_its_own_allowance()
    {
        await using var site = await StartAsync(("SignIn", 1));
        using var first = site.NewBrowser(); // connects from 127.0.0.1
        var csrf = await first.CsrfAsync();
        (await first.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", csrf)])).Dispose();
        using (var refused = await first.PostFormAsync("/api/auth/signin/naver", [new("csrfToken", csrf)])) Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        // a second client on another loopback address: the server sees 127.0.0.2 as its RemoteIpAddress
        var cookies = new CookieContainer();
        using var other = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        var json = JsonDocument.Parse(await other.GetStringAsync(site.BaseUrl + "/api/auth/csrf"));
        var otherCsrf = json.RootElement.GetProperty("csrfToken").GetString()!;
        using var allowed = await other.PostAsync(site.BaseUrl + "/api/auth/signin/naver", new FormUrlEncodedContent([new("csrfToken", otherCsrf)]));
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(allowed));
    }

    private static async Task AssertRefusedAsJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        Assert.Equal("RateLimited", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    private static Task<TestSite> StartAsync((string Group, int Limit) rule) => TestSite.StartAsync(new Dictionary<string, string?>
    {
        [$"Daemun:RateLimits:{rule.Group}:PermitLimit"] = rule.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Daemun:RateLimits:{rule.Group}:Window"] = "00:10:00",
        ["Daemun:NewUser:Ask:0"] = "email",
    });
}

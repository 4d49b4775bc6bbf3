using System.Net;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>What the provider or the browser puts in the callback: provider errors (naver.md §1, kakao.md §1), unknown providers,
/// and malformed parameters. Helpers (<see cref="SecuritySite"/>, <see cref="PendingCallback"/>, <see cref="Refusal"/>) are in StateTests.cs.</summary>
public sealed class CallbackErrorTests
{
    public static TheoryData<string> EveryProvider => [.. SecuritySite.AllProviders];

    [Theory]
    [MemberData(nameof(EveryProvider))]
    public async Task CancellingAtTheProviderIsAccessDeniedAndReturnsToTheSignInPage(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, provider, decision: "cancel");
        Assert.Equal("access_denied", PendingCallback.Query(pending.CallbackUrl, "error"));

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertCancelledAsync(s.Site, browser, response, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests(SecuritySite.EmulatorId(provider), EmulatorEndpoint.Token));
    }

    [Theory]
    [InlineData("naver", "invalid_request")]
    [InlineData("naver", "unauthorized_client")]
    [InlineData("naver", "unsupported_response_type")]
    [InlineData("naver", "server_error")]
    [InlineData("kakao", "login_required")]
    [InlineData("kakao", "consent_required")]
    [InlineData("kakao", "interaction_required")]
    [InlineData("kakao", "invalid_request")]
    [InlineData("kakao", "invalid_scope")]
    [InlineData("kakao", "unauthorized")]
    [InlineData("kakao", "misconfigured")]
    [InlineData("kakao", "unauthorized_client")]
    [InlineData("kakao", "server_error")]
    [InlineData("google", "interaction_required")]
    [InlineData(SecuritySite.Generic, "temporarily_unavailable")]
    public async Task ProviderErrorOtherThanCancellationIsOAuthCallbackError(string provider, string error)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.SetAuthorizeError(SecuritySite.EmulatorId(provider), error, "the provider's own words");
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, provider);
        Assert.Equal(error, PendingCallback.Query(pending.CallbackUrl, "error"));

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.OAuthCallbackError, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains($"OAuthCallbackError: the provider answered error={error}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("user not logged in.")]
    [InlineData("need user consent.")]
    [InlineData("unsupported browser environment.")]
    public async Task NaverAutologinFailureIsAccessDeniedAndReturnsToTheSignInPage(string description)
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.SetAuthorizeError("naver", "access_denied", description);
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertCancelledAsync(s.Site, browser, response, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
    }

    [Fact]
    public async Task ErrorDescriptionNeverReachesTheLog()
    {
        // Providers may echo request data in error_description; Daemun logs the error code only.
        const string Echo = "echoed-code-Zx81QvTT0p3";
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.SetAuthorizeError("kakao", "invalid_request", "bad request for code=" + Echo);
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "kakao");

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.OAuthCallbackError, [.. pending.Secrets, Echo]);
    }

    [Fact]
    public async Task ProviderErrorValueIsLoggedOnlyAsASafeToken()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        using var response = await browser.GetAsync(pending.Without("code").Replace("?", "?error=server_error%3Cscript%3Ealert(1)%3C%2Fscript%3E&", StringComparison.Ordinal));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.OAuthCallbackError, pending.Secrets);
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains("error=server_errorscriptalert1script", StringComparison.Ordinal));
        Assert.DoesNotContain(s.Site.Logs.Lines, l => l.Contains("<script", StringComparison.Ordinal) && l.Contains("Daemun.Endpoints", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallbackWithNeitherCodeNorErrorIsInvalidRequest()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        using var response = await browser.GetAsync(pending.Without("code"));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("NAVER")]
    [InlineData("oidc")]
    [InlineData("x%0AWarning%20Daemun.Endpoints.CallbackEndpoint%3A%20Sign-in%20completed")]
    public async Task CallbackForAnUnknownProviderIsUnknownProvider(string provider)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();

        using var response = await browser.GetAsync($"/api/auth/callback/{provider}?code=some-code-value&state=some-state-value");

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.UnknownProvider);
        using (var page = await browser.GetAsync(response.Headers.Location!.ToString())) Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Refusal.AssertNothingWritten(s.Site);
        AssertLogLinesAreSingleLines(s);
    }

    [Theory]
    [InlineData("code")]
    [InlineData("state")]
    [InlineData("error_description")]
    public async Task CallbackParameterLongerThan4096CharactersIsInvalidRequest(string name)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        using var response = await browser.GetAsync(pending.With(name, new string('a', 4097)));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task StateOfExactly4096CharactersIsReadAndJudgedAsAState()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        using var response = await browser.GetAsync(pending.With("state", new string('a', 4096)));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.StateInvalid, pending.Secrets);
    }

    [Theory]
    [InlineData("code", "%C3%28")]
    [InlineData("code", "%FF")]
    [InlineData("state", "%C3%28")]
    [InlineData("state", "%FF")]
    [InlineData("code", "abc%00def")]
    [InlineData("error", "access_denied%FF")]
    public async Task CallbackParameterThatIsNotValidUtf8TextIsInvalidRequest(string name, string rawValue)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");

        using var response = await browser.GetAsync(pending.With(name, rawValue));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Theory]
    [InlineData("code")]
    [InlineData("state")]
    [InlineData("error")]
    public async Task CallbackParameterGivenTwiceIsInvalidRequest(string name)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");
        var value = Uri.EscapeDataString(PendingCallback.Query(pending.CallbackUrl, name) ?? "access_denied");

        // the same value twice: which one would count is exactly the ambiguity refused
        using var response = await browser.GetAsync(pending.With(name, value) + $"&{name}={value}");

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task PostedCallbackWithAParameterGivenTwiceIsInvalidRequest()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");
        var path = pending.CallbackUrl[..pending.CallbackUrl.IndexOf('?', StringComparison.Ordinal)];

        using var response = await browser.PostFormAsync(path,
        [
            new("code", pending.Code!), new("state", pending.State!), new("code", "attacker-code-0000000"),
        ]);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Theory]
    [InlineData("code", "%FF")]
    [InlineData("state", "%C3%28")]
    public async Task PostedCallbackParameterThatIsNotValidUtf8TextIsInvalidRequest(string name, string rawValue)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");
        var path = pending.CallbackUrl[..pending.CallbackUrl.IndexOf('?', StringComparison.Ordinal)];
        var body = pending.With(name, rawValue)[(pending.CallbackUrl.IndexOf('?', StringComparison.Ordinal) + 1)..];

        using var request = new HttpRequestMessage(HttpMethod.Post, browser.Url(path))
        {
            Content = new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        using var response = await browser.SendAsync(request);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidRequest, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("naver", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task PostedCallbackIsCheckedLikeAQueryCallback()
    {
        // form_post: the same state checks apply; the genuine pair completes
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "naver");
        var path = pending.CallbackUrl[..pending.CallbackUrl.IndexOf('?', StringComparison.Ordinal)];

        using var wrong = await browser.PostFormAsync(path, [new("code", pending.Code!), new("state", "not-the-state")]);
        await Refusal.AssertAsync(s.Site, browser, wrong, ErrorCode.StateInvalid, pending.Secrets);

        browser.SetSiteCookie(s.Site, PendingCallback.StateCookieName, pending.StateCookie);
        using var genuine = await browser.PostFormAsync(path, [new("code", pending.Code!), new("state", pending.State!)]);
        Assert.Equal("/", genuine.Headers.Location!.ToString());
    }

    private static void AssertLogLinesAreSingleLines(SecuritySite s)
    {
        foreach (var line in s.Site.Logs.Lines.Where(l => l.Split(' ', 3)[1].StartsWith("Daemun.", StringComparison.Ordinal)))
        {
            Assert.False(line.Any(char.IsControl), $"a Daemun log line carries a control character: {line}");
        }
    }
}

using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary>The token request as each provider documents it (<see cref="TokenRequest"/>), seen on the wire at the emulator, which learns the
/// documented format from the recorded shape and refuses any other (so a wrong declaration fails here and in <see cref="CatalogSignInTests"/>):
/// JSON bodies, a GET with the secret in its URL that no log line holds, TikTok's <c>client_key</c>, Deezer's <c>app_id</c> and <c>perms</c>,
/// Reddit's User-Agent, and VK ID's <c>device_id</c> carried from the callback only when it is bounded.</summary>
public sealed class TokenRequestTests
{
    private static Task<TestSite> SiteWithAsync(string provider) =>
        TestSite.StartAsync(new Dictionary<string, string?> { [$"Daemun:Providers:{provider}:Enabled"] = "true" });

    private static RecordedRequest TokenRequestOf(TestSite site, string provider) =>
        site.Emulator.Requests.Single(r => r.Provider == provider && r.Endpoint == EmulatorEndpoint.Token);

    private static async Task SignInAsync(TestSite site, string provider)
    {
        using var browser = site.NewBrowser();
        using var callback = await browser.SignInAsync(provider, callbackUrl: "/welcome");
        Assert.True(callback.Headers.Location?.ToString() == "/welcome",
            $"{provider}: the sign-in ended at {callback.Headers.Location} (error {TestBrowser.ErrorCodeOf(callback)}); log: {site.Logs.All}");
    }

    [Theory]
    [InlineData("qiita")]
    [InlineData("trakt")]
    [InlineData("notion")]
    [InlineData("atlassian")]
    public async Task AJsonTokenRequestCarriesItsParametersAsAJsonObjectAndNoLogLineHoldsTheSecretOrCode(string provider)
    {
        await using var site = await SiteWithAsync(provider);

        await SignInAsync(site, provider);

        var token = TokenRequestOf(site, provider);
        Assert.Equal("POST", token.Method);
        Assert.StartsWith("application/json", token.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("authorization_code", token.Form["grant_type"]);
        var secret = site.Emulator.Client(provider).ClientSecret;
        if (ProviderCatalog.For(provider)!.ClientAuthentication == ClientAuthentication.ClientSecretPost) Assert.Equal(secret, token.Form["client_secret"]);
        else Assert.False(token.Form.ContainsKey("client_secret")); // Notion: Basic
        Assert.DoesNotContain(secret, site.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Form["code"], site.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foursquare", "client_id", "client_secret")]
    [InlineData("deezer", "app_id", "secret")]
    public async Task AGetTokenRequestPutsTheSecretInItsUrlWhichNoLogLineHolds(string provider, string clientIdName, string secretName)
    {
        await using var site = await SiteWithAsync(provider);

        await SignInAsync(site, provider);

        var token = TokenRequestOf(site, provider);
        var client = site.Emulator.Client(provider);
        Assert.Equal("GET", token.Method);
        Assert.Empty(token.Form);
        Assert.Equal(client.ClientId, token.Query[clientIdName]);
        Assert.Equal(client.ClientSecret, token.Query[secretName]);
        Assert.DoesNotContain(client.ClientSecret, site.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Query["code"], site.Logs.All, StringComparison.Ordinal);
        // the HTTP client logs no provider URL at all: its query redaction is a runtime default (DisableUriRedaction turns it off)
        Assert.DoesNotContain(site.Logs.Lines, l => l.Contains("System.Net.Http.HttpClient." + Daemun.Protocol.ProviderHttp.ClientName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeezerNamesItsAppAndPermissionsInTheAuthorizationRequestAndAsksForJson()
    {
        await using var site = await SiteWithAsync(Deezer.Id);
        using var browser = site.NewBrowser();

        var authorize = QueryHelpers.ParseQuery(new Uri(await browser.StartAsync(Deezer.Id)).Query);

        Assert.Equal(site.Emulator.Client(Deezer.Id).ClientId, authorize["app_id"].ToString());
        Assert.Equal("basic_access,email", authorize["perms"].ToString());
        Assert.False(authorize.ContainsKey("client_id") || authorize.ContainsKey("scope"));
        await SignInAsync(site, Deezer.Id);
        Assert.Equal("json", TokenRequestOf(site, Deezer.Id).Query["output"]);
    }

    [Fact]
    public async Task TikTokNamesTheClientClientKeyInTheAuthorizationAndTokenRequests()
    {
        await using var site = await SiteWithAsync(TikTok.Id);
        using var browser = site.NewBrowser();
        var client = site.Emulator.Client(TikTok.Id).ClientId;

        var authorize = QueryHelpers.ParseQuery(new Uri(await browser.StartAsync(TikTok.Id)).Query);
        await SignInAsync(site, TikTok.Id);

        Assert.Equal(client, authorize["client_key"].ToString());
        Assert.False(authorize.ContainsKey("client_id"));
        var token = TokenRequestOf(site, TikTok.Id);
        Assert.Equal(client, token.Form["client_key"]);
        Assert.False(token.Form.ContainsKey("client_id"));
    }

    [Fact]
    public async Task RedditGetsItsDescriptiveUserAgentOnTheTokenAndProfileCalls()
    {
        await using var site = await SiteWithAsync(Reddit.Id);

        await SignInAsync(site, Reddit.Id);

        var expected = $"web:{site.Emulator.Client(Reddit.Id).ClientId}:v1 (by Daemun)";
        Assert.Equal(expected, TokenRequestOf(site, Reddit.Id).Headers["User-Agent"]);
        Assert.Equal(expected, site.Emulator.Requests.Single(r => r.Provider == Reddit.Id && r.Endpoint == EmulatorEndpoint.UserInfo).Headers["User-Agent"]);
    }

    [Fact]
    public async Task VkSendsTheCallbacksDeviceIdWithTheCodeAndNoOtherParameterOfTheCallback()
    {
        await using var site = await SiteWithAsync(Vk.Id);
        using var browser = site.NewBrowser();

        var callback = await browser.ConsentAsync(await browser.StartAsync(Vk.Id, "/welcome"));
        var deviceId = QueryHelpers.ParseQuery(new Uri(callback).Query)["device_id"].ToString();
        using var response = await browser.GetAsync(QueryHelpers.AddQueryString(callback, "type", "code_v2"));

        Assert.Equal("/welcome", response.Headers.Location?.ToString());
        var token = TokenRequestOf(site, Vk.Id);
        Assert.False(string.IsNullOrEmpty(deviceId));
        Assert.Equal(deviceId, token.Form["device_id"]);
        Assert.False(token.Form.ContainsKey("type"));
    }

    public static TheoryData<string?> BadDeviceIds => [null, "", new string('a', TokenRequest.MaxCallbackParameterLength + 1), "abc&code=other", "abc def", "abc\"}", "ab/c", "абв"];

    [Theory]
    [MemberData(nameof(BadDeviceIds))]
    public async Task ACallbackWhoseDeviceIdIsMissingTooLongOrOfOddCharactersIsRefusedBeforeAnyTokenRequest(string? deviceId)
    {
        await using var site = await SiteWithAsync(Vk.Id);
        using var browser = site.NewBrowser();
        var callback = await browser.ConsentAsync(await browser.StartAsync(Vk.Id));
        var query = QueryHelpers.ParseQuery(new Uri(callback).Query).Where(q => q.Key != "device_id").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        if (deviceId is not null) query["device_id"] = deviceId;

        using var response = await browser.GetAsync(QueryHelpers.AddQueryString(callback[..callback.IndexOf('?', StringComparison.Ordinal)], query));

        await Refusal.AssertAsync(site, browser, response, ErrorCode.InvalidRequest, query["code"]);
        Assert.DoesNotContain(site.Emulator.Requests, r => r.Provider == Vk.Id && r.Endpoint == EmulatorEndpoint.Token);
    }
}

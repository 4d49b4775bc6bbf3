using Daemun.Emulator;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary>Each provider's named quirks, observed on the wire (the emulator's recorded requests) and in the store.</summary>
public sealed class ProviderQuirkTests
{
    [Fact]
    public async Task NaverStringExpiresInBecomesTheStoredTokenExpiry()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        var now = site.Clock.GetUtcNow();

        (await browser.SignInAsync("naver")).Dispose();

        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)site.Scalar("SELECT expires_at FROM accounts WHERE provider = 'naver'")!);
        Assert.Equal(now.AddSeconds(3600), expiresAt, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task NaverAuthorizeAndCodeExchangeBothCarryTheState()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var authorize = await browser.StartAsync("naver");
        var state = QueryHelpers.ParseQuery(new Uri(authorize).Query)["state"].ToString();
        (await browser.GetAsync(await browser.ConsentAsync(authorize))).Dispose();

        Assert.False(string.IsNullOrEmpty(state));
        var token = site.Emulator.Requests.Single(r => r.Provider == "naver" && r.Endpoint == EmulatorEndpoint.Token);
        Assert.Equal("POST", token.Method);
        Assert.Equal(state, token.Form["state"]);
        Assert.Equal(site.Emulator.Client("naver").ClientSecret, token.Form["client_secret"]);
    }

    [Fact]
    public async Task KakaoSendsNoScopeByDefaultItsSecretOnlyInTheBodyAndKeepsTheInt64IdExactly()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        var authorize = await browser.StartAsync("kakao");
        (await browser.GetAsync(await browser.ConsentAsync(authorize))).Dispose();

        Assert.False(QueryHelpers.ParseQuery(new Uri(authorize).Query).ContainsKey("scope")); // requesting an unset scope is KOE205
        var token = site.Emulator.Requests.Single(r => r.Provider == "kakao" && r.Endpoint == EmulatorEndpoint.Token);
        Assert.Equal(site.Emulator.Client("kakao").ClientSecret, token.Form["client_secret"]);
        Assert.False(token.Headers.ContainsKey("Authorization"));
        Assert.Equal("3141592653589", site.Scalar("SELECT provider_account_id FROM accounts WHERE provider = 'kakao'"));
    }

    [Fact]
    public async Task KakaoWithoutAClientSecretSignsInAndSendsNone()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var kakao = emulator.EndpointsFor("kakao");
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:Providers:kakao:ClientId"] = emulator.Client("kakao").ClientId, // a REST API key, no secret: the app has the secret disabled
            ["Daemun:Providers:kakao:AuthorizationEndpoint"] = kakao.AuthorizationEndpoint,
            ["Daemun:Providers:kakao:TokenEndpoint"] = kakao.TokenEndpoint,
            ["Daemun:Providers:kakao:UserInfoEndpoint"] = kakao.UserInfoEndpoint,
        }, emulator: emulator);
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("kakao");

        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        var token = emulator.Requests.Single(r => r.Provider == "kakao" && r.Endpoint == EmulatorEndpoint.Token);
        Assert.False(token.Form.ContainsKey("client_secret"));
        Assert.Equal(1, site.Count("accounts", "provider = 'kakao'"));
    }

    [Fact]
    public async Task TheStateCookieLivesFifteenMinutes()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        var form = new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync() };

        using var response = await browser.PostFormAsync("/api/auth/signin/naver", form);

        var stateCookie = response.Headers.GetValues("Set-Cookie").Single(h => h.StartsWith("daemun.state=", StringComparison.Ordinal));
        Assert.Contains("max-age=900", stateCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", stateCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", stateCookie, StringComparison.OrdinalIgnoreCase);
    }
}

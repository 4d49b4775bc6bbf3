using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.RelyingParty;
using Daemun.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Daemun.BrowserTests.OpenIdProvider;

/// <summary>
/// Daemun as the OpenID Provider of a real app: ASP.NET Core's OpenIdConnect handler (code + PKCE, userinfo, RP-initiated logout) and
/// its JwtBearer handler, in a real browser, with the emulated Naver and Kakao behind Daemun.
/// </summary>
public sealed class RelyingPartyBrowserTests(BrowserFixture browser, RelyingPartyFixture world) : BrowserTest(browser), IClassFixture<RelyingPartyFixture>
{
    private TestSite Site => world.Site;
    private RelyingPartyApp App => world.FirstParty;

    [Fact]
    public async Task AppSendsThePersonToDaemunWhoSignsInWithNaverAndComesBackWithDaemunsClaims()
    {
        var page = await NewPageAsync("ko-KR");

        await page.GotoAsync(App.BaseUrl + "/me");

        // the app's handler sent the browser to Daemun's authorization endpoint; without a Daemun session, Daemun's own sign-in page shows
        Assert.Equal(Site.BaseUrl + "/api/auth/signin", page.Url.Split('?')[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "네이버 로그인", Exact = true }).ClickAsync();
        var shown = MainFramePages(page);
        await ConsentAsync(page, Site, "김민준");
        await page.WaitForURLAsync(App.BaseUrl + "/me");

        var me = await MePageAsync(page);
        Assert.Equal(await SessionUserIdAsync(page, Site) ?? "(no Daemun session)", me.Sub); // sub is the Daemun user, not the Naver id
        Assert.Equal("김민준", me.Name);
        Assert.Equal("minjun.kim@example.com", me.Email);
        Assert.Equal("false", me.EmailVerified, ignoreCase: true); // Naver gives the address without vouching for it
        Assert.Equal(["naver"], me.Providers);
        Assert.StartsWith("http://127.0.0.1:", me.Picture, StringComparison.Ordinal); // an absolute URL, on this machine (the emulator's picture)
        Assert.InRange(long.Parse(me.AuthTime, CultureInfo.InvariantCulture), world.Clock.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds(), world.Clock.GetUtcNow().ToUnixTimeSeconds());
        // a first-party app: from Naver straight back to the app, no consent page at Daemun
        Assert.DoesNotContain(shown, url => url.StartsWith(Site.BaseUrl + "/", StringComparison.Ordinal));
        Assert.Empty(OffMachine);
    }

    [Fact]
    public async Task PublicAppsOwnKakaoButtonSkipsDaemunsSignInPageWithTheProviderParameter()
    {
        var app = world.PublicApp; // a public client: the handler proves the code with PKCE alone, no secret
        var page = await NewPageAsync("ko-KR");
        var shown = MainFramePages(page);
        var kakaoAuthorizations = Site.Emulator.CountRequests("kakao", EmulatorEndpoint.Authorize);

        await page.GotoAsync(app.BaseUrl + "/login?provider=kakao");

        // straight to the emulated Kakao: Daemun showed no page of its own on the way
        Assert.StartsWith(Site.Emulator.BaseAddress + "/", page.Url, StringComparison.Ordinal);
        Assert.Equal(kakaoAuthorizations + 1, Site.Emulator.CountRequests("kakao", EmulatorEndpoint.Authorize));
        Assert.DoesNotContain(shown, url => url.StartsWith(Site.BaseUrl + "/", StringComparison.Ordinal));
        await ConsentAsync(page, Site, "Jane Doe");
        await page.WaitForURLAsync(app.BaseUrl + "/me");

        var me = await MePageAsync(page);
        Assert.Equal(await SessionUserIdAsync(page, Site) ?? "(no Daemun session)", me.Sub);
        Assert.Equal("jane", me.Name); // Kakao's profile has a nickname, not a full name
        Assert.Equal("jane.doe@example.com", me.Email);
        Assert.Equal("true", me.EmailVerified, ignoreCase: true); // Kakao says the address is valid and verified
        Assert.Equal(["kakao"], me.Providers);
        Assert.DoesNotContain(shown, url => url.StartsWith(Site.BaseUrl + "/", StringComparison.Ordinal));
        Assert.Empty(OffMachine);
    }

    [Fact]
    public async Task AThirdPartyAppGetsThePersonOnlyAfterTheyAllowItOnDaemunsConsentPage()
    {
        var app = world.ThirdParty;
        var page = await NewPageAsync("en-US");
        await page.GotoAsync(app.BaseUrl + "/login?provider=naver");
        await ConsentAsync(page, Site, "김민준");

        // back at Daemun, not yet at the app: Daemun asks whether this app may have the person's data, naming the app; the person says no
        await page.WaitForURLAsync(url => url.StartsWith(Site.BaseUrl + "/", StringComparison.Ordinal));
        await Expect(page.GetByText(RelyingPartyFixture.ThirdPartyName).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("oidc-consent.png"), FullPage = true });
        await page.Locator("#consent-deny").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(app.BaseUrl + "/error?", StringComparison.Ordinal));
        Assert.Contains("access_denied", await page.Locator("#error").InnerTextAsync(), StringComparison.Ordinal);

        // the app tries again: Daemun still knows the person (no provider page), asks again, and this time the person allows
        await page.GotoAsync(app.BaseUrl + "/me");
        await Expect(page.GetByText(RelyingPartyFixture.ThirdPartyName).First).ToBeVisibleAsync();
        Assert.StartsWith(Site.BaseUrl + "/", page.Url, StringComparison.Ordinal);
        var posted = new List<string>();
        page.Request += (_, r) => { if (r.Method == "POST" && r.IsNavigationRequest) lock (posted) posted.Add(r.Url); };
        await page.Locator("#consent-allow").ClickAsync();

        await page.WaitForURLAsync(app.BaseUrl + "/me");
        Assert.Contains(app.RedirectUri, posted); // the code came back by form_post, the handler's default
        var me = await MePageAsync(page);
        Assert.Equal(await SessionUserIdAsync(page, Site) ?? "(no Daemun session)", me.Sub);
        Assert.Equal("김민준", me.Name);
        Assert.Empty(OffMachine);
    }

    [Fact]
    public async Task AppsApiAcceptsDaemunsAccessTokenAndRefusesAForeignOrExpiredOne()
    {
        var page = await NewPageAsync("ko-KR");
        var me = await SignInAtAppAsync(page, App, "naver", "김민준");

        // the app calls its JwtBearer-protected API with the access token Daemun gave it
        var api = await CallApiAsync(page);
        Assert.Equal(200, api.Status);
        using var profile = JsonDocument.Parse(api.Body);
        Assert.Equal(me.Sub, profile.RootElement.GetProperty("sub").GetString());
        Assert.Contains(RelyingPartyFixture.ApiScope, profile.RootElement.GetProperty("scope").GetString()!.Split(' '));
        Assert.Contains(RelyingPartyFixture.ApiAudience, profile.RootElement.GetProperty("aud").EnumerateArray().Select(a => a.GetString()));

        // a token like Daemun's (issuer, audience, subject, scope, key id) but signed by a key Daemun does not have
        using var http = new HttpClient();
        var foreign = await ForeignTokenAsync(http, me.Sub);
        using var refused = await CallApiWithAsync(http, foreign);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("signature", refused.Headers.WwwAuthenticate.ToString(), StringComparison.OrdinalIgnoreCase);

        // Daemun's own token, once its time is over (past the API's 5-minute clock skew), is refused as expired
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(profile.RootElement.GetProperty("exp").GetString()!, CultureInfo.InvariantCulture));
        Assert.InRange(expires, world.Clock.GetUtcNow(), world.Clock.GetUtcNow().AddHours(1));
        world.Clock.SetUtcNow(expires.AddMinutes(6));
        var expired = await CallApiAsync(page);
        Assert.Equal(401, expired.Status);
        Assert.Contains("error=\"invalid_token\"", expired.Challenge, StringComparison.Ordinal);
        Assert.Contains("expired", expired.Challenge, StringComparison.Ordinal);
        Assert.Empty(OffMachine);
    }

    [Fact]
    public async Task AppsApiRefusesADaemunTokenMeantForAnotherApi()
    {
        using var http = new HttpClient();

        // a machine client's token for the app's API is accepted (sub = the client itself) ...
        using var accepted = await CallApiWithAsync(http, await ClientCredentialsTokenAsync(http, RelyingPartyFixture.ApiScope));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var profile = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync());
        Assert.Equal(RelyingPartyFixture.MachineClientId, profile.RootElement.GetProperty("sub").GetString());

        // ... the same client's token for Daemun's own API, signed by Daemun just the same, is not: wrong audience
        using var refused = await CallApiWithAsync(http, await ClientCredentialsTokenAsync(http, "daemun:read"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("audience", refused.Headers.WwwAuthenticate.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SigningOutAtTheAppEndsTheDaemunSessionAndReturnsToTheApp()
    {
        var page = await NewPageAsync("ko-KR");
        await SignInAtAppAsync(page, App, "naver", "김민준");
        Assert.NotNull(await SessionUserIdAsync(page, Site));
        var requested = new List<string>();
        page.Request += (_, r) => { if (r.IsNavigationRequest) lock (requested) requested.Add(r.Url); };

        await page.Locator("#sign-out").ClickAsync();

        try
        {
            // three redirects and a page on a 2-core machine that may be busy: a generous wait, and where it stopped if it did
            await page.WaitForURLAsync(App.BaseUrl + "/", new() { Timeout = 90_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"sign-out stopped at {page.Url}: {await page.Locator("body").InnerTextAsync()}", e);
        }
        await Expect(page.Locator("#signed-out")).ToBeVisibleAsync();
        Assert.Null(await SessionUserIdAsync(page, Site));
        // the app's handler went to Daemun's end-session endpoint with the id_token; Daemun sent the browser to the registered address
        Assert.Contains(requested, url => url.StartsWith(Site.BaseUrl + "/oidc/logout?", StringComparison.Ordinal) && url.Contains("id_token_hint=", StringComparison.Ordinal));
        Assert.Contains(requested, url => url.StartsWith(App.PostLogoutRedirectUri + "?", StringComparison.Ordinal));

        // the person is really signed out of Daemun: the app's next sign-in shows Daemun's sign-in page again
        await page.GotoAsync(App.BaseUrl + "/me");
        Assert.Equal(Site.BaseUrl + "/api/auth/signin", page.Url.Split('?')[0]);
        Assert.Empty(OffMachine);
    }

    /// <summary>Signs in at <paramref name="app"/> with its own provider button (<c>/login?provider=…</c>), as <paramref name="person"/>.</summary>
    private async Task<MePage> SignInAtAppAsync(IPage page, RelyingPartyApp app, string provider, string person)
    {
        await page.GotoAsync($"{app.BaseUrl}/login?provider={provider}");
        await ConsentAsync(page, Site, person);
        await page.WaitForURLAsync(app.BaseUrl + "/me");
        return await MePageAsync(page);
    }

    /// <summary>The URLs of the pages the main frame shows from now on (redirects in between are not pages).</summary>
    private static List<string> MainFramePages(IPage page)
    {
        var shown = new List<string>();
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) lock (shown) shown.Add(frame.Url); };
        return shown;
    }

    private static async Task<MePage> MePageAsync(IPage page)
    {
        async Task<string> Text(string id) => await page.Locator("#" + id).InnerTextAsync();
        return new MePage(await Text("sub"), await Text("name"), await Text("email"), await Text("email_verified"), await Text("picture"), await Text("auth_time"),
            [.. await page.Locator("#providers li").AllInnerTextsAsync()]);
    }

    private async Task<ApiPage> CallApiAsync(IPage page)
    {
        await page.GotoAsync(App.BaseUrl + "/call-api");
        return new ApiPage(int.Parse(await page.Locator("#api-status").InnerTextAsync(), CultureInfo.InvariantCulture),
            await page.Locator("#api-body").InnerTextAsync(), await page.Locator("#api-error").InnerTextAsync());
    }

    /// <summary>An access token from Daemun's token endpoint for the machine client, with <paramref name="scope"/>.</summary>
    private async Task<string> ClientCredentialsTokenAsync(HttpClient http, string scope)
    {
        using var response = await http.PostAsync(Site.BaseUrl + "/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = RelyingPartyFixture.MachineClientId,
            ["client_secret"] = world.MachineClientSecret,
            ["scope"] = scope,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>The app's API called directly with a bearer token.</summary>
    private async Task<HttpResponseMessage> CallApiWithAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, App.BaseUrl + "/api/profile") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        return await http.SendAsync(request);
    }

    /// <summary>An access token with Daemun's issuer (from discovery), the API's audience, the person's sub and the key id Daemun publishes,
    /// valid now — but signed with a fresh RSA key of the test's own.</summary>
    private async Task<string> ForeignTokenAsync(HttpClient http, string sub)
    {
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(Site.BaseUrl + "/.well-known/openid-configuration"));
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString()));
        var kid = jwks.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString();
        using var rsa = RSA.Create(2048);
        var now = world.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = discovery.RootElement.GetProperty("issuer").GetString(),
            Audience = RelyingPartyFixture.ApiAudience,
            Subject = new ClaimsIdentity([new Claim("sub", sub), new Claim("scope", RelyingPartyFixture.ApiScope)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
    }

    private sealed record MePage(string Sub, string Name, string Email, string EmailVerified, string Picture, string AuthTime, string[] Providers);

    private sealed record ApiPage(int Status, string Body, string Challenge);
}

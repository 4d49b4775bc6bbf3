using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary><c>Daemun:Providers:{naver|kakao}:Mode = oidc</c> (naver.md §7, kakao.md §5): discovery at the issuer, openid scope, nonce,
/// PKCE S256, id_token checked against the provider's JWKS, and the same account ids as the classic API so switching modes keeps users.</summary>
public sealed class OidcModeTests
{
    private static Dictionary<string, string?> Oidc(params string[] providers) =>
        providers.ToDictionary(p => $"Daemun:Providers:{p}:Mode", _ => (string?)"oidc");

    private static RecordedRequest Single(TestSite site, string provider, EmulatorEndpoint endpoint) =>
        Assert.Single(site.Emulator.Requests, r => r.Provider == provider && r.Endpoint == endpoint);

    private static string? AccountId(TestSite site, string provider) =>
        (string?)site.Scalar($"SELECT provider_account_id FROM accounts WHERE provider = '{provider}'");

    [Fact]
    public async Task NaverOidcModeSignsInAtTheOidcEndpointsWithOpenidNonceAndS256()
    {
        await using var site = await TestSite.StartAsync(Oidc("naver"));
        using var browser = site.NewBrowser();

        using var response = await browser.SignInAsync("naver", "kim");

        Assert.Null(TestBrowser.ErrorCodeOf(response));
        var authorize = Single(site, "naver", EmulatorEndpoint.Authorize);
        Assert.Equal("/naver/oauth2/authorize", authorize.Path); // /oauth2/, not the classic /oauth2.0/
        Assert.Contains("openid", authorize.Query["scope"].Split(' '));
        Assert.False(string.IsNullOrEmpty(authorize.Query["nonce"]));
        Assert.Equal("S256", authorize.Query["code_challenge_method"]);
        Assert.Single(site.Emulator.Requests, r => r.Provider == "naver" && r.Path == "/naver/.well-known/openid-configuration");
        Assert.Single(site.Emulator.Requests, r => r.Provider == "naver" && r.Endpoint == EmulatorEndpoint.Jwks);
        var token = Single(site, "naver", EmulatorEndpoint.Token);
        Assert.Equal("/naver/oauth2/token", token.Path);
        Assert.Equal(site.Emulator.Client("naver").ClientSecret, token.Form["client_secret"]); // client_secret_post
        Assert.False(string.IsNullOrEmpty(token.Form["code_verifier"]));
        Assert.Equal("/naver/v1/nid/me", Single(site, "naver", EmulatorEndpoint.UserInfo).Path); // the profile stays the classic API
        Assert.Equal("rQE_RsS0i5F8mZq3K2xYbVwT9uJcLdHnPo4gAeIs7fU", AccountId(site, "naver")); // kim's Naver id = the id_token's sub
        Assert.Equal("김민준", (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
        var expiresAt = site.Scalar("SELECT expires_at FROM accounts WHERE provider = 'naver'");
        Assert.NotNull(expiresAt); // expires_in arrives as a string in OIDC mode too
        Assert.IsNotType<DBNull>(expiresAt);
    }

    [Fact]
    public async Task KakaoOidcModeSendsOpenidCommaSeparatedWithTheConfiguredScopes()
    {
        var settings = Oidc("kakao");
        settings["Daemun:Providers:kakao:Scope"] = "profile_nickname,account_email";
        await using var site = await TestSite.StartAsync(settings);
        using var browser = site.NewBrowser();

        using var response = await browser.SignInAsync("kakao", "kim");

        Assert.Null(TestBrowser.ErrorCodeOf(response));
        var authorize = Single(site, "kakao", EmulatorEndpoint.Authorize);
        Assert.Equal("openid,profile_nickname,account_email", authorize.Query["scope"]);
        Assert.False(string.IsNullOrEmpty(authorize.Query["nonce"]));
        Assert.Equal("S256", authorize.Query["code_challenge_method"]);
        Assert.Single(site.Emulator.Requests, r => r.Provider == "kakao" && r.Endpoint == EmulatorEndpoint.Discovery);
        Assert.Single(site.Emulator.Requests, r => r.Provider == "kakao" && r.Endpoint == EmulatorEndpoint.Jwks);
        Assert.Equal("/kakao/v2/user/me", Single(site, "kakao", EmulatorEndpoint.UserInfo).Path);
        Assert.Equal("3141592653589", AccountId(site, "kakao")); // the numeric Kakao id as a string = the id_token's sub
    }

    [Fact]
    public async Task ClassicModeIsTheDefaultAndSendsNoOpenidScopeOrNonce()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        (await browser.SignInAsync("naver", "kim")).Dispose();
        (await browser.SignInAsync("kakao", "kim")).Dispose();

        var naver = Single(site, "naver", EmulatorEndpoint.Authorize);
        Assert.Equal("/naver/oauth2.0/authorize", naver.Path);
        Assert.False(naver.Query.ContainsKey("nonce"));
        var kakao = Single(site, "kakao", EmulatorEndpoint.Authorize);
        Assert.False(kakao.Query.ContainsKey("scope"));
        Assert.False(kakao.Query.ContainsKey("nonce"));
        Assert.DoesNotContain(site.Emulator.Requests, r => r.Endpoint is EmulatorEndpoint.Discovery or EmulatorEndpoint.Jwks);
    }

    [Theory]
    [InlineData("naver", IdTokenFault.BadSignature, "BadSignature")]
    [InlineData("naver", IdTokenFault.WrongNonce, "NonceMismatch")]
    [InlineData("naver", IdTokenFault.WrongIssuer, "WrongIssuer")]
    [InlineData("kakao", IdTokenFault.BadSignature, "BadSignature")]
    [InlineData("kakao", IdTokenFault.WrongNonce, "NonceMismatch")]
    [InlineData("kakao", IdTokenFault.WrongAudience, "WrongAudience")]
    public async Task ABrokenIdTokenInOidcModeIsInvalidIdToken(string provider, IdTokenFault fault, string reason)
    {
        await using var site = await TestSite.StartAsync(Oidc(provider));
        site.Emulator.Faults.SetIdTokenFault(provider, fault);
        using var browser = site.NewBrowser();

        using var response = await browser.SignInAsync(provider, "kim");

        Assert.Equal(nameof(ErrorCode.InvalidIdToken), TestBrowser.ErrorCodeOf(response));
        Assert.Equal(0, site.Count("accounts"));
        Assert.Equal(0, site.Count("sessions"));
        Assert.Contains(site.Logs.Lines, l => l.Contains($"InvalidIdToken: id_token: {reason}:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("naver")]
    [InlineData("kakao")]
    public async Task TheProfileIdMustEqualTheIdTokensSub(string provider)
    {
        var settings = Oidc(provider);
        settings[$"Daemun:Providers:{provider}:UserInfoSubject"] = "nickname"; // compares a member that is not the id: never the sub
        await using var site = await TestSite.StartAsync(settings);
        using var browser = site.NewBrowser();

        using var response = await browser.SignInAsync(provider, "kim");

        Assert.Equal(nameof(ErrorCode.InvalidProviderResponse), TestBrowser.ErrorCodeOf(response));
        Assert.Equal(0, site.Count("accounts"));
        Assert.Contains(site.Logs.Lines, l => l.Contains("differs from the id_token's sub", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("naver")]
    [InlineData("kakao")]
    public async Task SwitchingToOidcModeKeepsTheSameUserAndAccount(string provider)
    {
        await using var classic = await TestSite.StartAsync();
        await using var oidc = await TestSite.StartAsync(Oidc(provider), emulator: classic.Emulator, dataDirectory: classic.DataDirectory);
        using (var before = classic.NewBrowser()) (await before.SignInAsync(provider, "kim")).Dispose();
        var accountId = AccountId(classic, provider);
        var userId = (string?)classic.Scalar("SELECT id FROM users");

        using var after = oidc.NewBrowser();
        using var response = await after.SignInAsync(provider, "kim");

        Assert.Null(TestBrowser.ErrorCodeOf(response));
        Assert.Contains(oidc.Emulator.Requests, r => r.Provider == provider && r.Endpoint == EmulatorEndpoint.Jwks); // really OIDC
        Assert.Equal(1, oidc.Count("users"));
        Assert.Equal(1, oidc.Count("accounts"));
        Assert.Equal(accountId, AccountId(oidc, provider));
        Assert.Equal(userId, (await after.SessionAsync()).GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ABadModeStopsStartUpNamingTheKey()
    {
        await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var failure = await Assert.ThrowsAsync<DaemunConfigurationException>(() => TestSite.StartAsync(
            new Dictionary<string, string?> { ["Daemun:Providers:naver:Mode"] = "openid" }, emulator: emulator));

        Assert.Equal("Daemun:Providers:naver:Mode", failure.Key);
        Assert.Contains("classic, oidc", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AModeOnAProviderWithoutModesStopsStartUpNamingTheKey()
    {
        var failure = Assert.Throws<DaemunConfigurationException>(() => Registry(new()
        {
            ["Daemun:Providers:github:ClientId"] = "id", ["Daemun:Providers:github:ClientSecret"] = "secret", ["Daemun:Providers:github:Mode"] = "oidc",
        }));

        Assert.Equal("Daemun:Providers:github:Mode", failure.Key);
    }

    [Fact]
    public void ModeIsCaseInsensitiveAndCodeCanDeclareTheOidcMode()
    {
        var registry = Registry(new()
        {
            ["Daemun:Providers:kakao:ClientId"] = "kakao-key", ["Daemun:Providers:kakao:Mode"] = "OIDC",
            ["Daemun:Providers:naver:ClientId"] = "naver-id", ["Daemun:Providers:naver:ClientSecret"] = "secret",
        }, daemun => daemun.AddProvider(Naver.Id, Naver.OidcDefaults));

        var naver = registry.Find("naver")!;
        Assert.Equal(ProviderKind.Oidc, naver.Kind);
        Assert.Equal("https://nid.naver.com", naver.Issuer);
        Assert.Equal(["openid"], naver.Scopes);
        Assert.True(naver.UsePkce && naver.UseNonce && naver.TokenResponse.ExpiresIn(System.Text.Json.JsonDocument.Parse("\"3600\"").RootElement) == 3600);
        Assert.Equal(ClientAuthentication.ClientSecretPost, naver.ClientAuthentication);
        var kakao = registry.Find("kakao")!;
        Assert.Equal(ProviderKind.Oidc, kakao.Kind);
        Assert.Equal("https://kauth.kakao.com", kakao.Issuer);
        Assert.Equal("https://kapi.kakao.com/v2/user/me", kakao.UserInfoEndpoint);
    }

    [Fact]
    public void ConfiguredScopesInOidcModeAlwaysIncludeOpenid()
    {
        var registry = Registry(new()
        {
            ["Daemun:Providers:kakao:ClientId"] = "kakao-key", ["Daemun:Providers:kakao:Mode"] = "oidc", ["Daemun:Providers:kakao:Scope"] = "account_email",
        });

        Assert.Equal(["openid", "account_email"], registry.Find("kakao")!.Scopes);
    }

    private static ProviderRegistry Registry(Dictionary<string, string?> settings, Action<DaemunBuilder>? code = null) => AtTheProvider.Registry(settings, code);
}

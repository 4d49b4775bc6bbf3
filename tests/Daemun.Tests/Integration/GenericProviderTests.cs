using System.Net;
using System.Text;
using System.Text.Json;
using Daemun.Emulator;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>Providers declared only from configuration keys (<c>Type=oidc|oauth2</c>), signing in end to end against the emulator.</summary>
public sealed class GenericProviderTests
{
    [Fact]
    public async Task GenericOidcProviderFromConfigurationOnlySignsInEndToEnd()
    {
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:myidp:Type"] = "oidc",
            ["Daemun:Providers:myidp:Name"] = "My IdP",
            ["Daemun:Providers:myidp:Issuer"] = e.EndpointsFor("oidc").Issuer,
            ["Daemun:Providers:myidp:ClientId"] = e.Client("oidc").ClientId,
            ["Daemun:Providers:myidp:ClientSecret"] = e.Client("oidc").ClientSecret,
        });
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("myidp", "kim", callbackUrl: "/home");

        AssertSignedIn(site, callback);
        Assert.Equal("/home", callback.Headers.Location!.ToString());
        var kim = emulator.People.First(p => p.Id == "kim");
        Assert.Equal(1, site.Count("accounts", $"provider = 'myidp' AND provider_account_id = '{kim.OidcSub}'"));
        Assert.Equal(1, site.Count("users", "email = 'minjun.kim@example.com' AND email_verified = 1"));
        var user = (await browser.SessionAsync()).GetProperty("user");
        Assert.Equal("김민준", user.GetProperty("name").GetString());
        Assert.Equal(emulator.BaseAddress + "/people/kim/profile.svg", user.GetProperty("image").GetString());

        var authorize = Assert.Single(emulator.Requests, r => r.Provider == "oidc" && r.Endpoint == EmulatorEndpoint.Authorize);
        Assert.Equal("openid email profile", authorize.Query["scope"]);
        Assert.Equal("S256", authorize.Query["code_challenge_method"]);
        Assert.True(authorize.Query.ContainsKey("nonce"));
        var token = Assert.Single(emulator.Requests, r => r.Provider == "oidc" && r.Endpoint == EmulatorEndpoint.Token);
        Assert.StartsWith("Basic ", token.Headers["Authorization"], StringComparison.Ordinal);
        var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(token.Headers["Authorization"]["Basic ".Length..]));
        Assert.Equal($"{emulator.Client("oidc").ClientId}:{emulator.Client("oidc").ClientSecret}", credentials);
        Assert.False(token.Form.ContainsKey("client_secret"));
        Assert.True(token.Form.ContainsKey("code_verifier"));
        Assert.Equal(1, emulator.CountRequests("oidc", EmulatorEndpoint.Discovery));
    }

    [Fact]
    public async Task GenericOidcSignInLogsNoSecretTokenOrCookie()
    {
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:myidp:Type"] = "oidc",
            ["Daemun:Providers:myidp:Issuer"] = e.EndpointsFor("oidc").Issuer,
            ["Daemun:Providers:myidp:ClientId"] = e.Client("oidc").ClientId,
            ["Daemun:Providers:myidp:ClientSecret"] = e.Client("oidc").ClientSecret,
        });
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("myidp", "kim");

        AssertSignedIn(site, callback);
        var userId = (await browser.SessionAsync()).GetProperty("user").GetProperty("id").GetString()!;
        var tokens = (await site.Server.App.Services.GetRequiredService<IUserStore>().AccountsOfUserAsync(userId, CancellationToken.None))[0].Tokens;
        var code = QueryHelpers.ParseQuery(new Uri(callback.RequestMessage!.RequestUri!.ToString()).Query)["code"].ToString();
        foreach (var secret in new[] { emulator.Client("oidc").ClientSecret, tokens.AccessToken!, tokens.RefreshToken!, tokens.IdToken!, code, browser.Cookie("daemun.session-token")!.Value })
        {
            Assert.False(string.IsNullOrEmpty(secret));
            // ASP.NET Core's own request log prints every URL, the callback's code included; the server keeps it at Warning (appsettings.json)
            var leaks = site.Logs.Lines
                .Where(line => line.Contains(secret, StringComparison.Ordinal))
                .ToList();
            Assert.True(leaks.Count == 0, "logged: " + string.Join("\n", leaks));
        }
    }

    [Fact]
    public async Task GenericOidcProviderIsListedAsOidcWithItsConfiguredName()
    {
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:myidp:Type"] = "oidc",
            ["Daemun:Providers:myidp:Name"] = "My IdP",
            ["Daemun:Providers:myidp:Issuer"] = e.EndpointsFor("oidc").Issuer,
            ["Daemun:Providers:myidp:ClientId"] = e.Client("oidc").ClientId,
            ["Daemun:Providers:myidp:ClientSecret"] = e.Client("oidc").ClientSecret,
        });
        using var browser = env.Site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/providers");
        var myidp = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("myidp");

        Assert.Equal("oidc", myidp.GetProperty("type").GetString());
        Assert.Equal("My IdP", myidp.GetProperty("name").GetString());
        Assert.Equal($"{env.Site.BaseUrl}/api/auth/callback/myidp", myidp.GetProperty("callbackUrl").GetString());
    }

    [Fact]
    public async Task GenericOidcProviderWithAPartialProfileOverrideStillIdentifiesBySub()
    {
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:myidp:Type"] = "oidc",
            ["Daemun:Providers:myidp:Issuer"] = e.EndpointsFor("oidc").Issuer,
            ["Daemun:Providers:myidp:ClientId"] = e.Client("oidc").ClientId,
            ["Daemun:Providers:myidp:ClientSecret"] = e.Client("oidc").ClientSecret,
            ["Daemun:Providers:myidp:Profile:Name"] = "given_name",
        });
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("myidp", "kim");

        AssertSignedIn(site, callback);
        var kim = emulator.People.First(p => p.Id == "kim");
        Assert.Equal(1, site.Count("accounts", $"provider = 'myidp' AND provider_account_id = '{kim.OidcSub}'"));
        Assert.Equal("민준", (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GenericOAuth2ProviderFromConfigurationOnlySignsInAndMapsTheProfilePaths()
    {
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:acme:Type"] = "oauth2",
            ["Daemun:Providers:acme:AuthorizationEndpoint"] = e.EndpointsFor("kakao").AuthorizationEndpoint,
            ["Daemun:Providers:acme:TokenEndpoint"] = e.EndpointsFor("kakao").TokenEndpoint,
            ["Daemun:Providers:acme:UserInfoEndpoint"] = e.EndpointsFor("kakao").UserInfoEndpoint,
            ["Daemun:Providers:acme:ClientId"] = e.Client("kakao").ClientId,
            ["Daemun:Providers:acme:ClientSecret"] = e.Client("kakao").ClientSecret,
            ["Daemun:Providers:acme:Profile:Id"] = "id",
            ["Daemun:Providers:acme:Profile:Name"] = "kakao_account.profile.nickname",
            ["Daemun:Providers:acme:Profile:Email"] = "kakao_account.email",
            ["Daemun:Providers:acme:Profile:EmailVerified"] = "kakao_account.is_email_verified",
            ["Daemun:Providers:acme:Profile:Image"] = "kakao_account.profile.profile_image_url",
        });
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("acme", "kim");

        AssertSignedIn(site, callback);
        Assert.Equal(1, site.Count("accounts", "provider = 'acme' AND provider_account_id = '3141592653589'"));
        Assert.Equal("민준", site.Scalar("SELECT name FROM accounts WHERE provider = 'acme'"));
        Assert.Equal("minjun.kim@example.com", site.Scalar("SELECT email FROM accounts WHERE provider = 'acme'"));
        Assert.Equal(1L, site.Scalar("SELECT email_verified FROM accounts WHERE provider = 'acme'"));
        Assert.Equal(emulator.BaseAddress + "/people/kim/profile.svg", site.Scalar("SELECT image FROM accounts WHERE provider = 'acme'"));
        Assert.Contains("3141592653589", (string)site.Scalar("SELECT raw_profile FROM accounts WHERE provider = 'acme'")!, StringComparison.Ordinal);
        var user = (await browser.SessionAsync()).GetProperty("user");
        Assert.Equal("민준", user.GetProperty("name").GetString());
        Assert.Equal("minjun.kim@example.com", user.GetProperty("email").GetString());

        var authorize = Assert.Single(emulator.Requests, r => r.Provider == "kakao" && r.Endpoint == EmulatorEndpoint.Authorize);
        Assert.False(authorize.Query.ContainsKey("scope")); // the generic OAuth 2.0 default sends none
        Assert.Equal($"{site.BaseUrl}/api/auth/callback/acme", authorize.Query["redirect_uri"]);
        var token = Assert.Single(emulator.Requests, r => r.Provider == "kakao" && r.Endpoint == EmulatorEndpoint.Token);
        Assert.Equal(emulator.Client("kakao").ClientSecret, token.Form["client_secret"]); // client_secret_post by default
        Assert.False(token.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task GenericOAuth2ProviderIsListedAsOauth()
    {
        await using var env = await EmulatedSite.StartAsync(e => new()
        {
            ["Daemun:Providers:acme:Type"] = "oauth2",
            ["Daemun:Providers:acme:AuthorizationEndpoint"] = e.EndpointsFor("kakao").AuthorizationEndpoint,
            ["Daemun:Providers:acme:TokenEndpoint"] = e.EndpointsFor("kakao").TokenEndpoint,
            ["Daemun:Providers:acme:UserInfoEndpoint"] = e.EndpointsFor("kakao").UserInfoEndpoint,
            ["Daemun:Providers:acme:ClientId"] = e.Client("kakao").ClientId,
            ["Daemun:Providers:acme:ClientSecret"] = e.Client("kakao").ClientSecret,
        });
        using var browser = env.Site.NewBrowser();

        using var response = await browser.GetAsync("/api/auth/providers");
        var acme = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("acme");

        Assert.Equal("oauth", acme.GetProperty("type").GetString());
        Assert.Equal("acme", acme.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static void AssertSignedIn(TestSite site, HttpResponseMessage callback) =>
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null,
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");
}

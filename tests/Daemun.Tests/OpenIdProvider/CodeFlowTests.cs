using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>The OpenID Provider's main path over real HTTP: discovery, an app's code flow through an emulated Naver sign-in, tokens, userinfo.</summary>
public sealed class CodeFlowTests : IAsyncLifetime
{
    private TestSite _site = null!;
    private OidcTestClient _web = null!;
    private const string RedirectUri = "http://127.0.0.1:5999/signin-oidc";

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:OpenIdProvider:Clients:web-app:Type"] = "web",
            ["Daemun:OpenIdProvider:Clients:web-app:ClientSecret"] = "web-app-secret-0123456789",
            ["Daemun:OpenIdProvider:Clients:web-app:RedirectUris:0"] = RedirectUri,
            ["Daemun:OpenIdProvider:Clients:web-app:Scopes:0"] = "openid",
            ["Daemun:OpenIdProvider:Clients:web-app:Scopes:1"] = "profile",
            ["Daemun:OpenIdProvider:Clients:web-app:Scopes:2"] = "email",
            ["Daemun:OpenIdProvider:Clients:web-app:Scopes:3"] = "offline_access",
            ["Daemun:OpenIdProvider:Clients:web-app:Scopes:4"] = "providers",
            ["Daemun:OpenIdProvider:Clients:web-app:FirstParty"] = "true",
        });
        _web = new OidcTestClient(_site, "web-app", "web-app-secret-0123456789", RedirectUri);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task DiscoveryNamesTheEndpointsUnderOidc()
    {
        using var http = new HttpClient();
        var doc = JsonDocument.Parse(await http.GetStringAsync(_site.BaseUrl + "/.well-known/openid-configuration")).RootElement;
        Assert.Equal(_site.BaseUrl + "/oidc/authorize", doc.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(_site.BaseUrl + "/oidc/token", doc.GetProperty("token_endpoint").GetString());
        Assert.Equal(["S256"], doc.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task AnAppSignsAPersonInThroughNaver()
    {
        using var browser = _site.NewBrowser();
        JsonElement tokens;
        try
        {
            tokens = await _web.SignInAsync(browser, "openid profile email providers offline_access");
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(e.Message + "\n" + string.Join('\n', _site.Logs.Lines.Where(l => l.Contains("Error", StringComparison.Ordinal) || l.Contains("Warn", StringComparison.Ordinal) || l.Contains("OpenID", StringComparison.Ordinal))), e);
        }
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        var session = await browser.SessionAsync();
        Assert.Equal(session.GetProperty("user").GetProperty("id").GetString(), idToken.Subject);
        Assert.True(tokens.TryGetProperty("refresh_token", out _));

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, _site.BaseUrl + "/oidc/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var userinfo = JsonDocument.Parse(body).RootElement;
        Assert.Equal(idToken.Subject, userinfo.GetProperty("sub").GetString());
        Assert.Equal(["naver"], userinfo.GetProperty("providers").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}

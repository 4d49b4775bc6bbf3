using System.Net;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>The person's path through an app's request: Daemun's sign-in page, the new-user step, then on to the app — with the typed
/// email released as unverified.</summary>
public sealed class PersonPathTests
{
    [Fact]
    public async Task TheNewUserStepSitsBetweenSignInAndTheAppAndATypedEmailIsReleasedUnverified()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:NewUser:Ask:0"] = "email",
            ["Daemun:OpenIdProvider:Clients:app:Type"] = "spa",
            ["Daemun:OpenIdProvider:Clients:app:RedirectUris:0"] = "http://127.0.0.1:5997/cb",
            ["Daemun:OpenIdProvider:Clients:app:Scopes:0"] = "openid",
            ["Daemun:OpenIdProvider:Clients:app:Scopes:1"] = "email",
            ["Daemun:OpenIdProvider:Clients:app:FirstParty"] = "true",
        });
        var app = new OidcTestClient(site, "app", null, "http://127.0.0.1:5997/cb");
        using var browser = site.NewBrowser();
        var (verifier, challenge) = OidcTestClient.Pkce();

        using var first = await browser.GetAsync(app.AuthorizeUrl(challenge, "openid email"));
        var signInPage = first.Headers.Location!.ToString();
        Assert.StartsWith("/api/auth/signin?callbackUrl=", signInPage, StringComparison.Ordinal);
        var authorizeAgain = QueryHelpers.ParseQuery(new Uri(new Uri(site.BaseUrl), signInPage).Query)["callbackUrl"].ToString();

        using var callback = await browser.SignInAsync("naver", "lee", authorizeAgain); // lee has no email at Naver
        var step = callback.Headers.Location!.ToString();
        Assert.StartsWith("/api/auth/new-user?callbackUrl=", step, StringComparison.Ordinal);
        using var saved = await browser.PostFormAsync("/api/auth/new-user", new Dictionary<string, string>
        {
            ["email"] = "lee@example.org", ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = authorizeAgain,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(authorizeAgain, saved.Headers.Location!.ToString());

        var (code, _, error) = OidcTestClient.ReadRedirect(await app.AuthorizeAsync(browser, authorizeAgain));
        Assert.True(code is not null, error);
        var (status, tokens) = await app.RedeemAsync(code!, verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        Assert.Equal("lee@example.org", idToken.GetClaim("email").Value);
        Assert.Equal("false", idToken.GetClaim("email_verified").Value);
    }

    [Fact]
    public async Task InsideTheNaverAppAnAppsRequestStartsNaversAutologinWithoutShowingTheSignInPage()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:OpenIdProvider:Clients:app:Type"] = "spa",
            ["Daemun:OpenIdProvider:Clients:app:RedirectUris:0"] = "http://127.0.0.1:5997/cb",
            ["Daemun:OpenIdProvider:Clients:app:Scopes:0"] = "openid",
            ["Daemun:OpenIdProvider:Clients:app:FirstParty"] = "true",
        });
        var app = new OidcTestClient(site, "app", null, "http://127.0.0.1:5997/cb");
        using var browser = site.NewBrowser();
        const string naverApp = "Mozilla/5.0 (iPhone; CPU iPhone OS like Mac OS X) AppleWebKit/605.1.15 NAVER(inapp; search; 620; 10.10.2; XR)";
        async Task<string> LocationAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, browser.Url(path));
            request.Headers.TryAddWithoutValidation("User-Agent", naverApp);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response.Headers.Location!.ToString();
        }

        var signIn = await LocationAsync(app.AuthorizeUrl(OidcTestClient.Pkce().Challenge, "openid"));
        var atNaver = await LocationAsync(signIn);

        Assert.StartsWith(site.Emulator.BaseUrl.ToString(), atNaver, StringComparison.Ordinal);
        Assert.Equal("autologin", QueryHelpers.ParseQuery(new Uri(atNaver).Query)["auth_type"].ToString());
    }
}

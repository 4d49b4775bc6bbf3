using System.Net;
using Daemun.Emulator;
using Daemun.Emulator.Catalog;
using Daemun.Errors;
using Daemun.Protocol;
using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>OAuth 1.0a (RFC 5849) sign-ins through the emulator, whose provider verifies every signature independently: each OAuth 1.0a
/// built-in end to end, the generic <c>oauth1</c> type, and the attacks a callback must refuse.</summary>
public sealed class OAuth1SignInTests
{
    public static TheoryData<string> OAuth1BuiltIns => [.. OAuth1Emulators.Ids];

    [Fact]
    public void EveryOAuth1BuiltInIsEmulated()
    {
        var oauth1 = Daemun.Providers.ProviderCatalog.BuiltInIds.Where(id => Daemun.Providers.ProviderCatalog.For(id)!.Kind == Daemun.Providers.ProviderKind.OAuth1);

        Assert.Equal(oauth1.Order(StringComparer.Ordinal), OAuth1Emulators.Ids.Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { "flickr", "trello", "hatena", "zaim", "discogs" }, OAuth1Emulators.Ids.ToHashSet());
    }

    /// <summary>Enabled without credentials in Development, the built-in is served by the emulator: temporary credentials with our callback,
    /// the consent page, the verifier exchanged for token credentials, the signed profile mapped to the recorded person, an account whose
    /// tokens are the token credentials.</summary>
    [Theory]
    [MemberData(nameof(OAuth1BuiltIns))]
    public async Task TheBuiltInSignsInEndToEndAgainstTheEmulator(string id)
    {
        await using var env = await EmulatedSite.StartAsync(_ => new() { [$"Daemun:Providers:{id}:Enabled"] = "true" });
        var (site, emulator) = (env.Site, env.Emulator);
        var expect = ResponseShapes.Find(id)!.Expect;
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync(id, "kim", callbackUrl: "/home");

        AssertSignedIn(site, callback);
        Assert.Equal("/home", callback.Headers.Location!.ToString());
        Assert.Equal(1, site.Count("accounts", $"provider = '{id}' AND provider_account_id = '{expect.Id}'"));
        var user = (await browser.SessionAsync()).GetProperty("user");
        Assert.Equal(expect.Name, user.GetProperty("name").GetString());
        var requestToken = Assert.Single(emulator.Requests, r => r.Provider == id && r.Endpoint == EmulatorEndpoint.RequestToken);
        Assert.StartsWith("OAuth ", requestToken.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("oauth_callback=", requestToken.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Single(emulator.Requests, r => r.Provider == id && r.Endpoint == EmulatorEndpoint.Token);
        Assert.Single(emulator.Requests, r => r.Provider == id && r.Endpoint == EmulatorEndpoint.UserInfo);
        var userId = user.GetProperty("id").GetString()!;
        var account = Assert.Single(await site.Server.App.Services.GetRequiredService<IUserStore>().AccountsOfUserAsync(userId, CancellationToken.None));
        Assert.Equal(OAuth1Client.TokenType, account.Tokens.TokenType);
        Assert.NotNull(OAuth1Credentials.Decode(account.Tokens.AccessToken!));
        Assert.Null(account.Tokens.RefreshToken);
        Assert.Null(account.Tokens.ExpiresAt);
    }

    /// <summary>Hatena's scope travels with the temporary-credential request (a form parameter, signed); Flickr's perms and the profile call's
    /// query are signed too — the emulator accepted them, so the signature covered them.</summary>
    [Fact]
    public async Task DeclaredRequestTokenParametersAndProfileQueriesAreSentAndSigned()
    {
        await using var env = await EmulatedSite.StartAsync(_ => new()
        {
            ["Daemun:Providers:hatena:Enabled"] = "true",
            ["Daemun:Providers:flickr:Enabled"] = "true",
        });
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();

        AssertSignedIn(site, await browser.SignInAsync("hatena", "kim"));
        using var other = site.NewBrowser();
        AssertSignedIn(site, await other.SignInAsync("flickr", "kim"));

        Assert.Equal("read_public", Assert.Single(emulator.Requests, r => r.Provider == "hatena" && r.Endpoint == EmulatorEndpoint.RequestToken).Form["scope"]);
        Assert.Equal("read", Assert.Single(emulator.Requests, r => r.Provider == "flickr" && r.Endpoint == EmulatorEndpoint.Authorize).Query["perms"]);
        Assert.Equal("flickr.test.login", Assert.Single(emulator.Requests, r => r.Provider == "flickr" && r.Endpoint == EmulatorEndpoint.UserInfo).Query["method"]);
    }

    /// <summary>The generic type from configuration keys only (<c>Type=oauth1</c>, four endpoints, profile paths).</summary>
    [Fact]
    public async Task GenericOAuth1ProviderFromConfigurationOnlySignsIn()
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "zaim"));
        using var browser = env.Site.NewBrowser();

        using var callback = await browser.SignInAsync("myoauth1", "kim");

        AssertSignedIn(env.Site, callback);
        Assert.Equal(1, env.Site.Count("accounts", "provider = 'myoauth1' AND provider_account_id = '10000000'"));
        Assert.Equal("ザイム太郎", (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
    }

    /// <summary>RFC 5849 §4.6 (session fixation): an attacker starts a sign-in with their own browser, authorizes it with their account, and
    /// gets the victim to open the callback. The oauth_token stands in for state: it is not one the victim's browser started, so it is refused
    /// before the verifier is used.</summary>
    [Fact]
    public async Task AnAttackersOAuthTokenAtTheVictimsCallbackIsRefused()
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "discogs"));
        var (site, emulator) = (env.Site, env.Emulator);
        using var attacker = site.NewBrowser();
        var attackersCallback = await attacker.ConsentAsync(await attacker.StartAsync("myoauth1"), "lee");
        using var victim = site.NewBrowser();
        await victim.StartAsync("myoauth1"); // the victim has a sign-in of their own in progress

        using var response = await victim.GetAsync(attackersCallback);

        await Refusal.AssertAsync(site, victim, response, ErrorCode.StateInvalid);
        Assert.Equal(0, emulator.CountRequests("discogs", EmulatorEndpoint.Token));
        Assert.Equal(0, site.Count("accounts"));
    }

    /// <summary>An oauth_token this browser never started (made up, or another provider sign-in's) is refused like a wrong state.</summary>
    [Fact]
    public async Task AMadeUpOAuthTokenIsRefused()
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "discogs"));
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();
        var callback = await browser.ConsentAsync(await browser.StartAsync("myoauth1"));
        var query = QueryHelpers.ParseQuery(new Uri(callback).Query);
        var forged = QueryHelpers.AddQueryString($"{site.BaseUrl}/api/auth/callback/myoauth1", new Dictionary<string, string?>
        {
            ["oauth_token"] = query["oauth_token"] + "x", ["oauth_verifier"] = query["oauth_verifier"],
        });

        using var response = await browser.GetAsync(forged);

        await Refusal.AssertAsync(site, browser, response, ErrorCode.StateInvalid);
        Assert.Equal(0, emulator.CountRequests("discogs", EmulatorEndpoint.Token));
    }

    /// <summary>RFC 5849 §2.3 requires the verifier: a callback with the right oauth_token but no oauth_verifier is refused.</summary>
    [Fact]
    public async Task ACallbackWithoutVerifierIsRefused()
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "discogs"));
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();
        var callback = await browser.ConsentAsync(await browser.StartAsync("myoauth1"));
        var token = QueryHelpers.ParseQuery(new Uri(callback).Query)["oauth_token"].ToString();

        using var response = await browser.GetAsync(QueryHelpers.AddQueryString($"{site.BaseUrl}/api/auth/callback/myoauth1", "oauth_token", token));

        await Refusal.AssertAsync(site, browser, response, ErrorCode.InvalidRequest);
        Assert.Equal(0, emulator.CountRequests("discogs", EmulatorEndpoint.Token));
    }

    /// <summary>A wrong verifier reaches the provider, which refuses it; the sign-in ends as a refused token request.</summary>
    [Fact]
    public async Task AWrongVerifierIsRefusedByTheProvider()
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "discogs"));
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();
        var callback = await browser.ConsentAsync(await browser.StartAsync("myoauth1"));
        var token = QueryHelpers.ParseQuery(new Uri(callback).Query)["oauth_token"].ToString();

        using var response = await browser.GetAsync(QueryHelpers.AddQueryString($"{site.BaseUrl}/api/auth/callback/myoauth1",
            new Dictionary<string, string?> { ["oauth_token"] = token, ["oauth_verifier"] = "not-the-verifier" }));

        await Refusal.AssertAsync(site, browser, response, ErrorCode.TokenRequestFailed);
        Assert.Contains(site.Logs.Lines, l => l.Contains("oauth_problem=parameter_rejected", StringComparison.Ordinal));
        Assert.Equal(0, site.Count("accounts"));
    }

    /// <summary>The person pressed Cancel: the provider sends <c>denied</c> with the token; the sign-in ends as a cancellation.</summary>
    [Fact]
    public async Task ACancelledAuthorizationIsAccessDenied()
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "discogs"));
        using var browser = env.Site.NewBrowser();
        var callback = await browser.ConsentAsync(await browser.StartAsync("myoauth1", "/me"), decision: "cancel");

        using var response = await browser.GetAsync(callback);

        Assert.Contains("denied=", callback, StringComparison.Ordinal);
        Assert.Equal("/api/auth/signin?error=AccessDenied&callbackUrl=%2Fme", response.Headers.Location!.ToString());
        Assert.Equal(0, env.Emulator.CountRequests("discogs", EmulatorEndpoint.Token));
    }

    /// <summary>RFC 5849 §2.1: oauth_callback_confirmed must be "true"; a provider that does not confirm the callback (OAuth 1.0 without "a")
    /// is refused before the browser is sent anywhere.</summary>
    [Fact]
    public async Task ATemporaryCredentialAnswerWithoutCallbackConfirmedIsRefused()
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "discogs"));
        var (site, emulator) = (env.Site, env.Emulator);
        emulator.OAuth1.ConfirmsCallback = false;
        using var browser = site.NewBrowser();

        using var response = await browser.PostFormAsync("/api/auth/signin/myoauth1", [new("csrfToken", await browser.CsrfAsync())]);

        await Refusal.AssertAsync(site, browser, response, ErrorCode.InvalidProviderResponse);
        Assert.Equal(0, emulator.CountRequests("discogs", EmulatorEndpoint.Authorize));
    }

    /// <summary>A provider that fails or answers something other than credentials at either credentials endpoint ends the sign-in with the
    /// matching code (a 5xx is the provider being down; an answer without oauth_token and oauth_token_secret is not the documented one).</summary>
    [Theory]
    [InlineData(EmulatorEndpoint.RequestToken, Fault.ServiceUnavailable, ErrorCode.ProviderUnavailable)]
    [InlineData(EmulatorEndpoint.RequestToken, Fault.Html, ErrorCode.InvalidProviderResponse)]
    [InlineData(EmulatorEndpoint.Token, Fault.ServerError, ErrorCode.ProviderUnavailable)]
    [InlineData(EmulatorEndpoint.Token, Fault.EmptyBody, ErrorCode.InvalidProviderResponse)]
    [InlineData(EmulatorEndpoint.UserInfo, Fault.MalformedJson, ErrorCode.InvalidProviderResponse)]
    public async Task AFailingCredentialsOrProfileEndpointEndsTheSignInWithItsCode(EmulatorEndpoint endpoint, Fault fault, ErrorCode expected)
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "discogs"));
        var (site, emulator) = (env.Site, env.Emulator);
        emulator.Faults.Set("discogs", endpoint, fault);
        using var browser = site.NewBrowser();

        using var response = endpoint == EmulatorEndpoint.RequestToken
            ? await browser.PostFormAsync("/api/auth/signin/myoauth1", [new("csrfToken", await browser.CsrfAsync())])
            : await browser.SignInAsync("myoauth1");

        await Refusal.AssertAsync(site, browser, response, expected);
        Assert.Equal(0, site.Count("accounts"));
    }

    /// <summary>The emulator verifies signatures on its own: a consumer secret that is not the registered one makes the engine's signature
    /// wrong, and the provider's 401 signature_invalid ends the sign-in before the browser leaves.</summary>
    [Fact]
    public async Task TheProviderRefusesASignatureMadeWithTheWrongConsumerSecret()
    {
        await using var env = await EmulatedSite.StartAsync(e => new(Generic(e, "discogs")) { ["Daemun:Providers:myoauth1:ClientSecret"] = "not-the-secret" });
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();

        using var response = await browser.PostFormAsync("/api/auth/signin/myoauth1", [new("csrfToken", await browser.CsrfAsync())]);

        await Refusal.AssertAsync(site, browser, response, ErrorCode.TokenRequestFailed, "not-the-secret");
        Assert.Contains(site.Logs.Lines, l => l.Contains("oauth_problem=signature_invalid", StringComparison.Ordinal));
        Assert.Equal(0, emulator.CountRequests("discogs", EmulatorEndpoint.Authorize));
    }

    /// <summary>No secret of the flow reaches a log line or the browser's URLs: the consumer secret, the temporary credentials' secret, the
    /// verifier, and the token credentials' secret.</summary>
    [Fact]
    public async Task NoOAuth1SecretIsLoggedOrPutInAUrl()
    {
        await using var env = await EmulatedSite.StartAsync(e => Generic(e, "discogs"));
        var (site, emulator) = (env.Site, env.Emulator);
        using var browser = site.NewBrowser();
        var authorize = await browser.StartAsync("myoauth1");
        var callback = await browser.ConsentAsync(authorize);
        using var response = await browser.GetAsync(callback);
        AssertSignedIn(site, response);
        var callbackQuery = QueryHelpers.ParseQuery(new Uri(callback).Query);
        var temporarySecret = emulator.OAuth1.TemporarySecretOf("discogs", callbackQuery["oauth_token"].ToString());
        var userId = (await browser.SessionAsync()).GetProperty("user").GetProperty("id").GetString()!;
        var account = (await site.Server.App.Services.GetRequiredService<IUserStore>().AccountsOfUserAsync(userId, CancellationToken.None))[0];
        var credentials = OAuth1Credentials.Decode(account.Tokens.AccessToken!)!;

        foreach (var secret in new[] { emulator.OAuth1.Client("discogs").ClientSecret, temporarySecret, callbackQuery["oauth_verifier"].ToString(), credentials.Secret })
        {
            Assert.False(string.IsNullOrEmpty(secret));
            var leaks = site.Logs.Lines.Where(line => line.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, "logged: " + string.Join("\n", leaks));
        }
        Assert.DoesNotContain(temporarySecret!, authorize, StringComparison.Ordinal);
        Assert.DoesNotContain(temporarySecret!, callback, StringComparison.Ordinal);
        Assert.DoesNotContain(temporarySecret!, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Without a database the whole sign-in state, the temporary secret included, is sealed into the state cookie: the sign-in works,
    /// the cookie does not show the secret, and an attacker's oauth_token still meets this browser's sealed state and is refused.</summary>
    [Fact]
    public async Task WithoutADatabaseTheTemporarySecretTravelsSealedInTheStateCookie()
    {
        await using var env = await EmulatedSite.StartAsync(e => new(Generic(e, "discogs")) { ["Daemun:Store:Provider"] = "none", ["Daemun:Session:Strategy"] = "Cookie" });
        var (site, emulator) = (env.Site, env.Emulator);
        using var attacker = site.NewBrowser();
        var attackersCallback = await attacker.ConsentAsync(await attacker.StartAsync("myoauth1"), "lee");
        using var browser = site.NewBrowser();
        var callback = await browser.ConsentAsync(await browser.StartAsync("myoauth1"));
        var token = QueryHelpers.ParseQuery(new Uri(callback).Query)["oauth_token"].ToString();
        var sealedState = browser.Cookie("daemun.state")!.Value;

        using var refused = await attacker.GetAsync(callback); // the victim's callback in the attacker's browser: sealed state of another sign-in
        using var signedIn = await browser.GetAsync(callback);

        Assert.Equal(ErrorCode.StateInvalid.ToString(), TestBrowser.ErrorCodeOf(refused));
        AssertSignedIn(site, signedIn);
        Assert.DoesNotContain(emulator.OAuth1.TemporarySecretOf("discogs", token)!, Uri.UnescapeDataString(sealedState), StringComparison.Ordinal);
        Assert.NotNull(attackersCallback);
    }

    /// <summary>A generic <c>oauth1</c> provider <c>myoauth1</c> pointed at the emulated provider <paramref name="emulated"/>.</summary>
    private static Dictionary<string, string?> Generic(ProviderEmulator e, string emulated)
    {
        var endpoints = e.OAuth1.EndpointsFor(emulated);
        var paths = Daemun.Providers.ProviderCatalog.For(emulated)!.Fields;
        return new()
        {
            ["Daemun:Providers:myoauth1:Type"] = "oauth1",
            ["Daemun:Providers:myoauth1:ClientId"] = e.OAuth1.Client(emulated).ClientId,
            ["Daemun:Providers:myoauth1:ClientSecret"] = e.OAuth1.Client(emulated).ClientSecret,
            ["Daemun:Providers:myoauth1:RequestTokenEndpoint"] = endpoints.RequestTokenEndpoint,
            ["Daemun:Providers:myoauth1:AuthorizationEndpoint"] = endpoints.AuthorizationEndpoint,
            ["Daemun:Providers:myoauth1:AccessTokenEndpoint"] = endpoints.AccessTokenEndpoint,
            ["Daemun:Providers:myoauth1:UserInfoEndpoint"] = endpoints.UserInfoEndpoint,
            ["Daemun:Providers:myoauth1:Profile:Id"] = paths.Id,
            ["Daemun:Providers:myoauth1:Profile:Name"] = paths.Name,
        };
    }

    private static void AssertSignedIn(TestSite site, HttpResponseMessage callback) =>
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(callback) is null,
            $"sign-in failed: {(int)callback.StatusCode} {callback.Headers.Location}\n{site.Logs.All}");
}

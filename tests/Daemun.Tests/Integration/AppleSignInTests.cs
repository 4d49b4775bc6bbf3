using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Sign in with Apple end to end against the emulated Apple: the client secret JWT made from the .p8 key is accepted (and a secret
/// from another key refused), the response arrives as a cross-site form_post and is relayed, the name comes from the first sign-in's
/// <c>user</c> field and is kept when a later sign-in sends none.</summary>
public sealed partial class AppleSignInTests : IDisposable
{
    private const string Id = "apple";
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _key.Dispose();

    private Task<SecuritySite> StartAsync(ECDsa? signingKey = null) => SecuritySite.StartAsync(emulator =>
    {
        var options = emulator.Options;
        return new Dictionary<string, string?>
        {
            [$"Daemun:Providers:{Id}:ClientId"] = emulator.Client("apple").ClientId,
            [$"Daemun:Providers:{Id}:Issuer"] = emulator.EndpointsFor("apple").Issuer,
            [$"Daemun:Providers:{Id}:TeamId"] = options.AppleTeamId,
            [$"Daemun:Providers:{Id}:KeyId"] = options.AppleKeyId,
            [$"Daemun:Providers:{Id}:PrivateKey"] = (signingKey ?? _key).ExportPkcs8PrivateKeyPem(),
        };
    }, o => o.AppleClientPublicKeyPem = _key.ExportSubjectPublicKeyInfoPem());

    [GeneratedRegex("name=\"request_id\" value=\"([^\"]+)\"")]
    private static partial Regex RequestId();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();

    private static List<KeyValuePair<string, string>> Fields(string html) =>
        [.. Hidden().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];

    /// <summary>Start, consent at Apple, Apple's form POSTed cross-site (no cookies of the site), the relay POSTed by the browser.</summary>
    private static async Task<(HttpResponseMessage Response, List<KeyValuePair<string, string>> ApplePosted)> SignInAsync(TestSite site, TestBrowser browser, string person = "kim")
    {
        var authorize = await browser.StartAsync(Id);
        using var consent = await browser.GetAsync(authorize);
        var html = await consent.Content.ReadAsStringAsync();
        var form = new List<KeyValuePair<string, string>> { new("request_id", RequestId().Match(html).Groups[1].Value), new("person", person), new("decision", "allow") };
        using var answer = await browser.PostFormAsync(new Uri(new Uri(authorize), WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value)).ToString(), form);
        var formPost = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode); // Apple answers with a form, not a redirect
        var callback = WebUtility.HtmlDecode(FormAction().Match(formPost).Groups[1].Value);
        var posted = Fields(formPost);
        using var crossSite = site.NewBrowser();
        using var relay = await crossSite.PostFormAsync(callback, posted);
        Assert.Equal(HttpStatusCode.OK, relay.StatusCode);
        return (await browser.PostFormAsync(callback, Fields(await relay.Content.ReadAsStringAsync())), posted);
    }

    [Fact]
    public async Task TheFirstSignInTakesTheNameFromTheUserFieldAndALaterOneKeepsIt()
    {
        await using var s = await StartAsync();
        using var browser = s.Site.NewBrowser();

        var (first, firstPosted) = await SignInAsync(s.Site, browser);
        Assert.True(TestBrowser.ErrorCodeOf(first) is null, $"refused: {first.Headers.Location}\n{string.Join('\n', s.Site.Logs.Lines.TakeLast(5))}");
        first.Dispose();
        var session = await browser.SessionAsync();
        using var again = s.Site.NewBrowser();
        var (second, secondPosted) = await SignInAsync(s.Site, again);
        second.Dispose();
        var later = await again.SessionAsync();

        Assert.Contains(firstPosted, f => f.Key == "user");
        Assert.DoesNotContain(secondPosted, f => f.Key == "user"); // Apple sends the name once
        Assert.Equal("민준 김", session.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(session.GetProperty("user").GetProperty("id").GetString(), later.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal("민준 김", later.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, later.GetProperty("user").GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task TheClientSecretIsAJwtSignedWithTheP8Key()
    {
        await using var s = await StartAsync();
        using var browser = s.Site.NewBrowser();

        var (response, _) = await SignInAsync(s.Site, browser);
        response.Dispose();

        var token = s.Emulator.Requests.Single(r => r.Provider == "apple" && r.Endpoint == EmulatorEndpoint.Token);
        var secret = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token.Form["client_secret"]);
        Assert.Equal("ES256", secret.Alg);
        Assert.Equal(s.Emulator.Options.AppleTeamId, secret.Issuer);
        Assert.DoesNotContain(s.Site.Logs.Lines, l => l.Contains(token.Form["client_secret"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASecretSignedWithAnotherKeyIsRefusedByApple()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var s = await StartAsync(signingKey: other);
        using var browser = s.Site.NewBrowser();

        var (response, _) = await SignInAsync(s.Site, browser);

        Assert.Equal(nameof(ErrorCode.TokenRequestFailed), TestBrowser.ErrorCodeOf(response));
        response.Dispose();
    }
}

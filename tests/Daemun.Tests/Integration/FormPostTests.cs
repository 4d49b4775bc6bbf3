using System.Net;
using System.Text.RegularExpressions;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary><c>response_mode=form_post</c> (Apple): the provider's page POSTs the response to the callback cross-site, without this site's
/// SameSite=Lax cookies. The callback answers that POST with a page that re-POSTs the same fields from this site, with the cookies, where the
/// state is checked as for any callback. Providers without form_post are unchanged: a cookie-less POST is refused at once.</summary>
public sealed partial class FormPostTests
{
    private static readonly Dictionary<string, string?> FormPost = new() { [$"Daemun:Providers:{SecuritySite.Generic}:AuthorizationParameters:response_mode"] = "form_post" };

    /// <summary>The fields the provider would POST: the redirect's query (the emulator answers with a redirect; Apple with a form).</summary>
    private static List<KeyValuePair<string, string>> ResponseFields(string callbackUrl) =>
        [.. new Uri(callbackUrl).Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Uri.UnescapeDataString(kv[0]), Uri.UnescapeDataString(kv[1].Replace('+', ' '))))];

    private static string Path(string url) => new Uri(url).PathAndQuery.Split('?')[0];

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();

    private static List<KeyValuePair<string, string>> RelayedFields(string html) =>
        [.. Hidden().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];

    [Fact]
    public async Task TheProvidersCrossSitePostIsRelayedAndThenSignsInWithTheBrowsersCookies()
    {
        await using var s = await SecuritySite.StartAsync(FormPost);
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);
        using var crossSite = s.Site.NewBrowser(); // the provider's POST: no cookie of this site comes with it

        using var relay = await crossSite.PostFormAsync(Path(pending.CallbackUrl), ResponseFields(pending.CallbackUrl));
        var html = await relay.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, relay.StatusCode);
        Assert.Equal("no-store", relay.Headers.CacheControl?.ToString());
        Assert.Contains("form-action 'self'", relay.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var fields = RelayedFields(html);
        Assert.Contains(new KeyValuePair<string, string>("code", pending.Code!), fields);
        Assert.Contains(new KeyValuePair<string, string>("state", pending.State!), fields);
        Assert.Contains(new KeyValuePair<string, string>("daemun_relay", "1"), fields);
        Assert.Equal(0, s.Emulator.CountRequests("oidc", Emulator.EmulatorEndpoint.Token)); // nothing of the first POST was used

        using var signedIn = await browser.PostFormAsync(Path(pending.CallbackUrl), fields);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(signedIn));
        Assert.Equal(JsonValueKindObject, (await browser.SessionAsync()).GetProperty("user").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindObject = System.Text.Json.JsonValueKind.Object;

    [Fact]
    public async Task TheRelayedPostWithoutTheBrowsersStateCookieIsRefused()
    {
        await using var s = await SecuritySite.StartAsync(FormPost);
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);
        using var attacker = s.Site.NewBrowser();
        using var relay = await attacker.PostFormAsync(Path(pending.CallbackUrl), ResponseFields(pending.CallbackUrl));
        var fields = RelayedFields(await relay.Content.ReadAsStringAsync());

        using var response = await attacker.PostFormAsync(Path(pending.CallbackUrl), fields);

        await Refusal.AssertAsync(s.Site, attacker, response, ErrorCode.StateMissing, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
    }

    [Fact]
    public async Task AProviderWithoutFormPostGetsNoRelay()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);
        using var crossSite = s.Site.NewBrowser();

        using var response = await crossSite.PostFormAsync(Path(pending.CallbackUrl), ResponseFields(pending.CallbackUrl));

        await Refusal.AssertAsync(s.Site, crossSite, response, ErrorCode.StateMissing, pending.Secrets);
    }

    [Fact]
    public async Task AFormPostProvidersRedirectWithTheQueryStillSignsIn()
    {
        await using var s = await SecuritySite.StartAsync(FormPost);
        using var browser = s.Site.NewBrowser();

        using var response = await browser.SignInAsync(SecuritySite.Generic);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(response));
    }
}

using System.Net;
using Daemun.Emulator;
using Daemun.Providers;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Daemun.Tests.Integration;

/// <summary>Naver re-consent: with <c>RequiredItems = email</c>, a person who declined their email is told why and sent back through
/// <c>auth_type=reprompt</c>; Daemun learns what was granted from <c>verify?info=true</c>.</summary>
public sealed class RepromptTests
{
    private static Task<TestSite> StartAsync() =>
        TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:naver:RequiredItems"] = "email" });

    private static async Task<string> StartSignInAsync(TestBrowser browser, params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync(), ["callbackUrl"] = "/welcome" };
        foreach (var (name, value) in fields) form[name] = value;
        using var response = await browser.PostFormAsync("/api/auth/signin/naver", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    private static int Verifies(TestSite site) => site.Emulator.Requests.Count(r => r.Provider == "naver" && r.Endpoint == EmulatorEndpoint.Verify);

    [Fact]
    public async Task DeclinedEmailStopsTheSignInExplainsWhyAndRepromptStoresTheEmail()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();

        using var declined = await browser.GetAsync(await browser.ConsentAsync(await StartSignInAsync(browser), "kim", "allow", "email"));

        Assert.Equal("/api/auth/consent?provider=naver&missing=email&callbackUrl=%2Fwelcome", declined.Headers.Location!.ToString());
        Assert.Equal(0, site.Count("users"));
        Assert.Equal(0, site.Count("accounts"));
        Assert.Equal(0, site.Count("sessions"));
        Assert.Equal("{}", (await browser.SessionAsync()).GetRawText());

        using var page = await browser.GetAsync(declined.Headers.Location!.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<code>email</code>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"reprompt\" value=\"true\"", html, StringComparison.Ordinal);

        var again = await StartSignInAsync(browser, ("reprompt", "true"));
        Assert.Equal("reprompt", QueryHelpers.ParseQuery(new Uri(again).Query)["auth_type"].ToString());
        using var completed = await browser.GetAsync(await browser.ConsentAsync(again, "kim"));

        Assert.Equal("/welcome", completed.Headers.Location!.ToString());
        Assert.Equal("minjun.kim@example.com", site.Scalar("SELECT email FROM accounts WHERE provider = 'naver'"));
        Assert.Equal("minjun.kim@example.com", site.Scalar("SELECT email FROM users"));
        Assert.Contains("email", ((string)site.Scalar("SELECT scope FROM accounts WHERE provider = 'naver'")!).Split(' '));
    }

    [Fact]
    public async Task WithoutRepromptNaverKeepsTheDeclinedItemDeclinedSoTheSignInStopsAgain()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();
        (await browser.GetAsync(await browser.ConsentAsync(await StartSignInAsync(browser), "kim", "allow", "email"))).Dispose();

        var plain = await StartSignInAsync(browser);
        Assert.False(QueryHelpers.ParseQuery(new Uri(plain).Query).ContainsKey("auth_type"));
        using var again = await browser.GetAsync(await browser.ConsentAsync(plain, "kim")); // tries to share, but Naver remembers

        Assert.StartsWith("/api/auth/consent?", again.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, site.Count("users"));
    }

    [Fact]
    public async Task WhenEveryRequiredItemIsGrantedTheSignInCompletesAndTheGrantedItemsAreStored()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();

        using var callback = await browser.GetAsync(await browser.ConsentAsync(await StartSignInAsync(browser), "kim", "allow", "mobile"));

        Assert.Equal("/welcome", callback.Headers.Location!.ToString());
        Assert.Equal(1, Verifies(site));
        var scope = ((string)site.Scalar("SELECT scope FROM accounts WHERE provider = 'naver'")!).Split(' ');
        Assert.Contains("email", scope);
        Assert.DoesNotContain("mobile", scope);
    }

    [Fact]
    public async Task WithoutRequiredItemsTheVerifyApiIsNotCalled()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("naver", "kim", null, "email");

        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        Assert.Equal(0, Verifies(site));
        Assert.Equal(1, site.Count("users"));
    }

    [Fact]
    public async Task AVerifyApiOutageIsProviderUnavailableAndNothingIsWritten()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();
        site.Emulator.Faults.Set("naver", EmulatorEndpoint.Verify, Fault.ServerError);

        using var callback = await browser.SignInAsync("naver", "kim");

        Assert.Equal("ProviderUnavailable", TestBrowser.ErrorCodeOf(callback));
        Assert.Equal(0, site.Count("users"));
    }

    [Fact]
    public async Task RequiredItemsNeedAProviderThatReportsGrantedItems()
    {
        var e = await Assert.ThrowsAsync<DaemunConfigurationException>(() =>
            TestSite.StartAsync(new Dictionary<string, string?> { ["Daemun:Providers:github:RequiredItems"] = "email" }));
        Assert.Equal("Daemun:Providers:github:RequiredItems", e.Key);
    }
}

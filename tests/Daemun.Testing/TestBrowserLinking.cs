using System.Net;
using System.Text.RegularExpressions;

namespace Daemun.Tests.Infrastructure;

/// <summary>Linking as a browser does it: the account page's "connect" (a sign-in started with <c>intent=link</c>) and the answers of the
/// choice page shown when someone signed in signs in with an account nobody has linked.</summary>
public static partial class TestBrowserLinking
{
    /// <summary>The choice page's path (the callback redirects there with <c>?provider=…</c>).</summary>
    public const string ChoicePath = "/api/auth/signin-choice";

    /// <summary>POST /api/auth/signin/{provider} with <c>intent=link</c>, as the account page's connect form does; returns the response.</summary>
    public static async Task<HttpResponseMessage> PostLinkStartAsync(this TestBrowser browser, string provider, string callbackUrl = "/api/auth/account") =>
        await browser.PostFormAsync($"/api/auth/signin/{provider}",
            [new("csrfToken", await browser.CsrfAsync()), new("callbackUrl", callbackUrl), new("intent", "link")]);

    /// <summary>The account page's connect: start with <c>intent=link</c>, consent as <paramref name="person"/>, callback. Returns the callback's response.</summary>
    public static async Task<HttpResponseMessage> LinkAsync(this TestBrowser browser, string provider, string person = "kim", string callbackUrl = "/api/auth/account")
    {
        using var start = await browser.PostLinkStartAsync(provider, callbackUrl);
        Assert.True(start.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(start) is null, $"link start: {(int)start.StatusCode} {start.Headers.Location}");
        var callback = await browser.ConsentAsync(start.Headers.Location!.ToString(), person);
        return await browser.GetAsync(callback);
    }

    /// <summary>True when a callback sent the person to the choice page.</summary>
    public static bool IsChoice(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith(ChoicePath + "?", StringComparison.Ordinal) == true;

    /// <summary>Opens the choice page and posts its form for <paramref name="answer"/> (<c>link</c> or <c>new</c>) with the page's CSRF token.</summary>
    public static async Task<HttpResponseMessage> AnswerChoiceAsync(this TestBrowser browser, string choicePage, string answer)
    {
        using var page = await browser.GetAsync(choicePage);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"choice page: {(int)page.StatusCode} {page.Headers.Location}");
        var csrf = CsrfField().Match(html).Groups[1].Value;
        return await browser.PostFormAsync(ChoicePath, [new("csrfToken", WebUtility.HtmlDecode(csrf)), new("answer", answer)]);
    }

    [GeneratedRegex("name=\"csrfToken\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}

using System.Net;

namespace Daemun.Tests.Infrastructure;

/// <summary>Cookie helpers for <see cref="TestBrowser"/>.</summary>
public static class BrowserCookies
{
    /// <summary>Puts a cookie for the site into the browser's jar (what an attacker holding the value can do).</summary>
    public static void SetSiteCookie(this TestBrowser browser, TestSite site, string name, string value) =>
        browser.Cookies.Add(new Uri(site.BaseUrl), new Cookie(name, value, "/"));

    /// <summary>The values of the Daemun cookies this browser holds for the site.</summary>
    public static IEnumerable<string> SiteCookieValues(this TestBrowser browser, TestSite site) =>
        browser.Cookies.GetCookies(new Uri(site.BaseUrl)).Where(c => c.Name.Contains("daemun.", StringComparison.Ordinal)).Select(c => c.Value);
}

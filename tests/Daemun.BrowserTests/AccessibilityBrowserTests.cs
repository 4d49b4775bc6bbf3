using System.Text.Json;
using Daemun.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Daemun.BrowserTests;

/// <summary>Basics a screen reader and low-vision readers need on the sign-in page: named buttons, the page's language, readable text, true brand colours.</summary>
public sealed class AccessibilityBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>WCAG 2 contrast of each text (its colour drawn at its opacity over the page background) against that background.</summary>
    private const string ContrastScript = """
        () => {
          const rgba = s => { const [r, g, b, a = 1] = s.match(/[\d.]+/g).map(Number); return { r, g, b, a }; };
          const backgroundOf = el => el ? (rgba(getComputedStyle(el).backgroundColor).a === 1 ? rgba(getComputedStyle(el).backgroundColor) : backgroundOf(el.parentElement)) : null;
          const luminance = c => {
            const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
          };
          const ratio = (x, y) => { const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
          const page = backgroundOf(document.body);
          const shown = el => {
            const c = rgba(getComputedStyle(el).color);
            let alpha = c.a;
            for (let e = el; e; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
            return { r: c.r * alpha + page.r * (1 - alpha), g: c.g * alpha + page.g * (1 - alpha), b: c.b * alpha + page.b * (1 - alpha) };
          };
          const texts = { body: document.body, heading: document.querySelector('h1'), lead: document.querySelector('p.lead') };
          const result = { backgroundLuminance: page ? luminance(page) : -1 };
          if (page) for (const [name, el] of Object.entries(texts)) if (el) result[name] = ratio(shown(el), page);
          return result;
        }
        """;

    [Theory]
    [InlineData("ko", "light")]
    [InlineData("ko", "dark")]
    [InlineData("en", "light")]
    [InlineData("en", "dark")]
    public async Task SignInPageHasNamedButtonsItsLanguageAndReadableText(string language, string scheme)
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync(ProviderButtons.Locale(language),
            new BrowserNewContextOptions { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await page.GotoAsync(site.BaseUrl + "/api/auth/signin");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var names = ProviderButtons.Names(language);
        for (var i = 0; i < names.Length; i++)
        {
            var button = page.GetByRole(AriaRole.Button, new() { Name = names[i], Exact = true });
            await Expect(button).ToHaveCountAsync(1);
            await Expect(button).ToHaveAttributeAsync("data-provider", ProviderButtons.Order[i]);
        }

        var contrast = await page.EvaluateAsync<Dictionary<string, double>>(ContrastScript);
        var report = JsonSerializer.Serialize(contrast);
        Assert.True(contrast["backgroundLuminance"] >= 0, "the page has no opaque background: " + report);
        Assert.True(scheme == "dark" ? contrast["backgroundLuminance"] < 0.2 : contrast["backgroundLuminance"] > 0.8, $"not a {scheme} page: {report}");
        foreach (var text in new[] { "body", "heading", "lead" })
        {
            Assert.True(contrast.TryGetValue(text, out var ratio) && ratio >= 4.5, $"{text} contrast below 4.5 in {scheme}: {report}");
        }
        Assert.Empty(OffMachine);
    }

    [Theory]
    [InlineData("ko", "light")]
    [InlineData("ko", "dark")]
    [InlineData("en", "light")]
    [InlineData("en", "dark")]
    public async Task BrandButtonsKeepTheirBrandColours(string language, string scheme)
    {
        await using var site = await TestSite.StartAsync();
        var page = await NewPageAsync(ProviderButtons.Locale(language),
            new BrowserNewContextOptions { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        await page.GotoAsync(site.BaseUrl + "/api/auth/signin");
        var names = ProviderButtons.Names(language);

        var naver = page.GetByRole(AriaRole.Button, new() { Name = names[0], Exact = true });
        await Expect(naver).ToHaveCSSAsync("background-color", "rgb(3, 199, 90)");
        await Expect(naver.GetByText(names[0])).ToHaveCSSAsync("color", "rgb(255, 255, 255)");
        var kakao = page.GetByRole(AriaRole.Button, new() { Name = names[1], Exact = true });
        await Expect(kakao).ToHaveCSSAsync("background-color", "rgb(254, 229, 0)");
        await Expect(kakao.GetByText(names[1])).ToHaveCSSAsync("color", "rgba(0, 0, 0, 0.85)");
        Assert.Empty(OffMachine);
    }
}

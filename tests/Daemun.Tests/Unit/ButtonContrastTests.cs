using System.Globalization;
using Daemun.Providers;

namespace Daemun.Tests.Unit;

/// <summary>Every built-in's sign-in button: its label colour on its background reaches WCAG 2's 4.5:1 (success criterion 1.4.3), except
/// where the provider's published button guideline allows no other colours. Those exceptions are listed here with their guideline, and
/// each must still be below 4.5:1 (an exception that no longer needs to be one fails, so the list stays true).</summary>
public sealed class ButtonContrastTests
{
    /// <summary>Providers whose guideline fixes the colours, with the ratio those colours give and where the guideline says so.</summary>
    private static readonly Dictionary<string, (double Ratio, string Guideline)> MandatedByGuideline = new(StringComparer.Ordinal)
    {
        // white on #03C75A; the NAVER login button may use only NAVER green with the white logo
        [Naver.Id] = (2.25, "https://developers.naver.com/docs/login/bi/bi.md"),
        // white on #06C755; "Only the following colors can be used for the LINE Login button"
        [Line.Id] = (2.26, "https://developers.line.biz/en/docs/line-login/login-button/"),
    };

    public static TheoryData<string> BuiltIns => [.. ProviderCatalog.BuiltInIds];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void TheLabelIsReadableOnTheButtonUnlessTheGuidelineFixesTheColours(string id)
    {
        var style = ProviderCatalog.For(id)!.Style;

        var ratio = Math.Round(Contrast(style.Background, style.Text), 2);

        if (MandatedByGuideline.TryGetValue(id, out var mandated))
        {
            Assert.Equal(mandated.Ratio, ratio);
            Assert.Contains(mandated.Guideline, ProviderCatalog.For(id)!.DocumentationLinks); // the declaration cites the guideline it follows
        }
        else
        {
            Assert.True(ratio >= 4.5, $"{id}: {style.Text} on {style.Background} is {ratio}:1, below WCAG's 4.5:1");
        }
    }

    [Fact]
    public void EveryExceptionIsABuiltIn()
    {
        Assert.All(MandatedByGuideline.Keys, id => Assert.True(ProviderCatalog.IsBuiltIn(id), id));
    }

    /// <summary>WCAG 2 contrast ratio of a text colour (<c>#RRGGBB</c>, or <c>rgba(r,g,b,a)</c> drawn over the background, as Kakao's
    /// 85% black) on an opaque <c>#RRGGBB</c> background.</summary>
    internal static double Contrast(string background, string text)
    {
        var back = Rgb(background);
        var (fore, alpha) = text.StartsWith("rgba(", StringComparison.Ordinal) ? Rgba(text) : (Rgb(text), 1.0);
        var drawn = fore.Zip(back, (f, b) => f * alpha + b * (1 - alpha)).ToArray();
        var (lt, lb) = (Luminance(drawn), Luminance(back));
        return (Math.Max(lt, lb) + 0.05) / (Math.Min(lt, lb) + 0.05);
    }

    private static double[] Rgb(string hex)
    {
        Assert.Matches("^#[0-9A-Fa-f]{6}$", hex);
        return [.. new[] { 1, 3, 5 }.Select(at => (double)int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
    }

    private static (double[] Rgb, double Alpha) Rgba(string css)
    {
        var parts = css["rgba(".Length..^1].Split(',').Select(v => double.Parse(v.Trim(), CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, parts.Length);
        return (parts[..3], parts[3]);
    }

    private static double Luminance(double[] rgb)
    {
        var c = rgb.Select(v => v / 255.0).Select(v => v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4)).ToArray();
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}

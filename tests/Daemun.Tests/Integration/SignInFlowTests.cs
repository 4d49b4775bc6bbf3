using System.Net;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Full sign-in with each built-in provider through the emulator, over real HTTP, into a real SQLite file.</summary>
public sealed class SignInFlowTests
{
    [Theory]
    [InlineData("naver", "kim", "김민준", "minjun.kim@example.com")]
    [InlineData("kakao", "kim", "민준", "minjun.kim@example.com")] // Kakao shows the profile nickname
    [InlineData("google", "kim", "김민준", "minjun.kim@example.com")]
    [InlineData("github", "jane", "Jane Doe", "jane.doe@example.com")]
    public async Task SignInWithEachBuiltInProviderCreatesTheUserAndASession(string provider, string person, string name, string email)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync(provider, person, callbackUrl: "/welcome");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/welcome", callback.Headers.Location!.ToString());
        var session = await browser.SessionAsync();
        Assert.Equal(name, session.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal(email, session.GetProperty("user").GetProperty("email").GetString());
        Assert.True(DateTimeOffset.Parse(session.GetProperty("expires").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > site.Clock.GetUtcNow().AddDays(29));
        Assert.Equal(1, site.Count("users"));
        Assert.Equal(1, site.Count("accounts", $"provider = '{provider}'"));
        Assert.Equal(1, site.Count("sessions"));
    }

    [Fact]
    public async Task SignedInPersonSeesTheirNameOnTheHomePageAndMeRequiresAuthorization()
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();
        using (var anonymous = await browser.GetAsync("/me")) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        (await browser.SignInAsync("naver", "kim")).Dispose();

        var home = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("김민준", home);
        using var me = await browser.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("minjun.kim@example.com", await me.Content.ReadAsStringAsync());
    }
}

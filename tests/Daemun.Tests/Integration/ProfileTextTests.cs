using Daemun.Emulator;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Whatever text a provider sends, the stored profile is plain text: on both stores a NUL or control character never turns a sign-in into a store failure.</summary>
public sealed class ProfileTextTests
{
    [Fact]
    public async Task ControlCharactersInAProfileAreRemovedAndTheSignInSucceeds()
    {
        await using var site = await TestSite.StartAsync();
        site.Emulator.People.Add(new TestPerson { Id = "nul", Name = "Nul\u0000Name\u0007", Nickname = "nul", Email = "nul@example.com" });
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync("naver", "nul");

        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        Assert.Equal("NulName", site.Scalar("SELECT name FROM users"));
        Assert.Equal("NulName", (await browser.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
    }
}

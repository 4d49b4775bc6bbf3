using System.Net;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Microsoft Entra ID end to end against the emulated Entra (templated discovery, a work and a personal tenant): under <c>common</c>
/// both tenants' people sign in; a token whose iss names another tenant than its tid is refused; a specific tenant refuses another's token.</summary>
public sealed class EntraSignInTests
{
    private const string Id = "microsoft-entra-id";

    private static Task<SecuritySite> StartAsync(string tenant, Action<EmulatorOptions>? emulatorOptions = null) => SecuritySite.StartAsync(emulator =>
    {
        var client = emulator.Client("entra");
        return new Dictionary<string, string?>
        {
            [$"Daemun:Providers:{Id}:ClientId"] = client.ClientId,
            [$"Daemun:Providers:{Id}:ClientSecret"] = client.ClientSecret,
            [$"Daemun:Providers:{Id}:Issuer"] = $"{emulator.BaseAddress}/entra/{tenant}/v2.0",
        };
    }, emulatorOptions);

    [Theory]
    [InlineData(EntraTenants.WorkPerson)]
    [InlineData("lee")]
    public async Task UnderCommonPeopleOfBothTenantsSignIn(string person)
    {
        await using var s = await StartAsync("common");
        using var browser = s.Site.NewBrowser();

        using var response = await browser.SignInAsync(Id, person);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(TestBrowser.ErrorCodeOf(response) is null, $"refused: {response.Headers.Location}\n{string.Join('\n', s.Site.Logs.Lines.TakeLast(5))}");
        Assert.Equal(System.Text.Json.JsonValueKind.Object, (await browser.SessionAsync()).GetProperty("user").ValueKind);
    }

    [Fact]
    public async Task ATokenWhoseIssDoesNotMatchItsTidIsRefused()
    {
        await using var s = await StartAsync("common", o => o.EntraIssuerTenant = EntraTenants.Consumers);
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, Id, EntraTenants.WorkPerson);

        using var response = await browser.GetAsync(pending.CallbackUrl);

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidIdToken, pending.Secrets);
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains("id_token: WrongIssuer:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASpecificTenantRefusesAnotherTenantsToken()
    {
        await using var s = await StartAsync(EntraTenants.Work);
        using var personal = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(personal, Id, "lee");
        using var work = s.Site.NewBrowser();

        using var refused = await personal.GetAsync(pending.CallbackUrl);
        using var accepted = await work.SignInAsync(Id, EntraTenants.WorkPerson);

        await Refusal.AssertAsync(s.Site, personal, refused, ErrorCode.InvalidIdToken, pending.Secrets);
        Assert.Null(TestBrowser.ErrorCodeOf(accepted));
    }

    [Fact]
    public async Task TheDiscoveryIssuerTemplateIsRefusedWithoutEntrasRule()
    {
        // a generic OIDC provider at the same issuer keeps OIDC's exact rule: the template in discovery is not its issuer
        await using var s = await SecuritySite.StartAsync(emulator => new Dictionary<string, string?>
        {
            [$"Daemun:Providers:{SecuritySite.Generic}:Issuer"] = $"{emulator.BaseAddress}/entra/common/v2.0",
            [$"Daemun:Providers:{SecuritySite.Generic}:ClientId"] = emulator.Client("entra").ClientId,
            [$"Daemun:Providers:{SecuritySite.Generic}:ClientSecret"] = emulator.Client("entra").ClientSecret,
        });
        using var browser = s.Site.NewBrowser();
        var form = new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync() };

        using var response = await browser.PostFormAsync($"/api/auth/signin/{SecuritySite.Generic}", form);

        Assert.Equal(nameof(ErrorCode.InvalidProviderResponse), TestBrowser.ErrorCodeOf(response));
    }
}

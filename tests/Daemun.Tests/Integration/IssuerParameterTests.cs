using System.Net;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>RFC 9207 (mix-up defence): the generic OIDC emulator advertises <c>authorization_response_iss_parameter_supported</c> and
/// sends <c>iss</c> on its authorization responses. A callback whose <c>iss</c> is another issuer, or that lacks it while the provider
/// advertises it, is refused with InvalidProviderResponse before the code is redeemed; an <c>iss</c> on the response of a provider that
/// does not advertise it must still be its issuer.</summary>
public sealed class IssuerParameterTests
{
    [Fact]
    public async Task CallbackWithTheProvidersIssCompletes()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);
        Assert.Equal(s.Emulator.EndpointsFor("oidc").Issuer, PendingCallback.Query(pending.CallbackUrl, "iss"));

        using var response = await browser.GetAsync(pending.CallbackUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(response));
        Assert.Equal(1, s.Site.Count("sessions"));
    }

    [Theory]
    [InlineData("https%3A%2F%2Fattacker.example")]
    [InlineData("https%3A%2F%2Fattacker.example%2F")]
    [InlineData("")]
    public async Task CallbackWithAnotherIssIsRefusedBeforeTheCodeIsRedeemed(string rawIss)
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);

        using var response = await browser.GetAsync(pending.With("iss", rawIss));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidProviderResponse, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Token)); // the code was never redeemed
    }

    [Fact]
    public async Task CallbackWithTheIssuersIssWithATrailingSlashIsRefused()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);

        using var response = await browser.GetAsync(pending.With("iss", Uri.EscapeDataString(s.Emulator.EndpointsFor("oidc").Issuer + "/")));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidProviderResponse, pending.Secrets);
        Assert.Equal(0, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task CallbackWithoutIssWhileTheProviderAdvertisesItIsRefused()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);

        using var response = await browser.GetAsync(pending.Without("iss"));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidProviderResponse, pending.Secrets);
        Refusal.AssertNothingWritten(s.Site);
        Assert.Equal(0, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Token));
        Assert.Contains(s.Site.Logs.Lines, l => l.Contains("has no iss, which the provider advertises", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallbackWithoutIssIsAcceptedWhenTheProviderDoesNotAdvertiseIt()
    {
        await using var s = await SecuritySite.StartAsync();
        s.Emulator.Faults.SetDiscoveryMember("oidc", "authorization_response_iss_parameter_supported", null);
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, SecuritySite.Generic);

        using var response = await browser.GetAsync(pending.Without("iss"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(TestBrowser.ErrorCodeOf(response));
        Assert.Equal(1, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Token));
    }

    [Fact]
    public async Task IssOfAnotherIssuerIsRefusedEvenWhenTheProviderDoesNotAdvertiseIt()
    {
        await using var s = await SecuritySite.StartAsync();
        using var browser = s.Site.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, "google"); // the Google emulator neither advertises nor sends iss
        Assert.Null(PendingCallback.Query(pending.CallbackUrl, "iss"));

        using var response = await browser.GetAsync(pending.With("iss", Uri.EscapeDataString(s.Emulator.EndpointsFor("oidc").Issuer!)));

        await Refusal.AssertAsync(s.Site, browser, response, ErrorCode.InvalidProviderResponse, pending.Secrets);
        Assert.Equal(0, s.Emulator.CountRequests("google", EmulatorEndpoint.Token));
    }
}

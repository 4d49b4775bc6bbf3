using System.Net;
using System.Text.Json.Nodes;
using Daemun.Emulator;
using Daemun.Errors;
using Daemun.Protocol;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Integration;

/// <summary>Finding 6, SSRF through discovery: a discovery document that points an endpoint (userinfo, jwks_uri, token, revocation)
/// at a private, link-local or otherwise non-public address is refused with InvalidProviderResponse, and the access token (or code)
/// is never sent there. IP literals are refused when the document is read; host names when connecting, on the addresses they
/// resolve to (DNS rebinding included) — before any connection attempt, which <see cref="RecordingProviderNetwork"/> proves. The
/// emulator's issuer is on loopback, so loopback endpoints stay allowed here (and only here).</summary>
public sealed class DiscoverySsrfTests
{
    private const string Provider = SecuritySite.Generic;

    private sealed class Site(TestSite site, RecordingProviderNetwork network) : IAsyncDisposable
    {
        public TestSite Web => site;
        public ProviderEmulator Emulator => site.Emulator;
        public RecordingProviderNetwork Network => network;

        public async ValueTask DisposeAsync()
        {
            await site.DisposeAsync();
            await site.Emulator.DisposeAsync();
        }
    }

    private static async Task<Site> StartAsync()
    {
        var network = new RecordingProviderNetwork();
        network.Names["internal.daemun.test"] = [IPAddress.Parse("10.1.2.3")];
        network.Names["metadata.daemun.test"] = [IPAddress.Parse("169.254.169.254")];
        network.Names["ula.daemun.test"] = [IPAddress.Parse("fd12:3456::1")];
        network.Names["rebind.daemun.test"] = [IPAddress.Loopback, IPAddress.Parse("192.168.0.10")];
        var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { KeyCache = TestSite.Keys });
        var client = emulator.Client("oidc");
        var settings = new Dictionary<string, string?>
        {
            [$"Daemun:Providers:{Provider}:Type"] = "oidc",
            [$"Daemun:Providers:{Provider}:Issuer"] = emulator.EndpointsFor("oidc").Issuer,
            [$"Daemun:Providers:{Provider}:ClientId"] = client.ClientId,
            [$"Daemun:Providers:{Provider}:ClientSecret"] = client.ClientSecret,
        };
        var site = await TestSite.StartAsync(settings, emulator: emulator, configureServices: s => s.AddSingleton<IProviderNetwork>(network));
        return new Site(site, network);
    }

    /// <summary>The discovery document names <paramref name="member"/> = <paramref name="url"/>; a sign-in runs to its callback.</summary>
    private static async Task<(TestBrowser Browser, PendingCallback Pending, HttpResponseMessage Response)> SignInAsync(Site s, string member, string url)
    {
        s.Emulator.Faults.SetDiscoveryMember("oidc", member, JsonValue.Create(url));
        var browser = s.Web.NewBrowser();
        var pending = await PendingCallback.StartAsync(browser, Provider);
        return (browser, pending, await browser.GetAsync(pending.CallbackUrl));
    }

    [Fact]
    public async Task TheEmulatorsLoopbackEndpointsAreUsedThroughTheCheckedClient()
    {
        await using var s = await StartAsync();
        using var browser = s.Web.NewBrowser();

        using var response = await browser.SignInAsync(Provider);

        Assert.Null(TestBrowser.ErrorCodeOf(response));
        Assert.NotEmpty(s.Network.Attempts); // token, jwks and userinfo went through the seam, to loopback only
        Assert.Empty(s.Network.OffMachineAttempts);
    }

    [Theory]
    [InlineData("internal.daemun.test")]  // 10.1.2.3, private
    [InlineData("metadata.daemun.test")]  // 169.254.169.254, the cloud metadata address
    [InlineData("ula.daemun.test")]       // fd12:3456::1, IPv6 unique local
    [InlineData("rebind.daemun.test")]    // loopback and 192.168.0.10: every address must be allowed
    public async Task UserInfoOnANameThatResolvesToANonPublicAddressIsRefusedBeforeAnyConnection(string host)
    {
        await using var s = await StartAsync();
        var (browser, pending, response) = await SignInAsync(s, "userinfo_endpoint", $"https://{host}/userinfo");
        using (browser)
        using (response)
        {
            await Refusal.AssertAsync(s.Web, browser, response, ErrorCode.InvalidProviderResponse, pending.Secrets);
            Refusal.AssertNothingWritten(s.Web);
            Assert.Contains(host, s.Network.Resolved);
            Assert.Empty(s.Network.OffMachineAttempts);
            Assert.Contains(s.Web.Logs.Lines, l => l.Contains($"profile: {host} is not a public address", StringComparison.Ordinal));
            Assert.Equal(1, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Token));
        }
    }

    [Fact]
    public async Task JwksUriOnAPrivateNameIsRefusedBeforeAnyConnection()
    {
        await using var s = await StartAsync();
        var (browser, pending, response) = await SignInAsync(s, "jwks_uri", "https://internal.daemun.test/jwks");
        using (browser)
        using (response)
        {
            await Refusal.AssertAsync(s.Web, browser, response, ErrorCode.InvalidProviderResponse, pending.Secrets);
            Assert.Contains("internal.daemun.test", s.Network.Resolved);
            Assert.Empty(s.Network.OffMachineAttempts);
            Assert.Equal(0, s.Emulator.CountRequests("oidc", EmulatorEndpoint.UserInfo));
        }
    }

    [Fact]
    public async Task TokenEndpointOnAPrivateNameIsRefusedBeforeTheCodeIsSent()
    {
        await using var s = await StartAsync();
        var (browser, pending, response) = await SignInAsync(s, "token_endpoint", "https://internal.daemun.test/token");
        using (browser)
        using (response)
        {
            await Refusal.AssertAsync(s.Web, browser, response, ErrorCode.InvalidProviderResponse, pending.Secrets);
            Assert.Empty(s.Network.OffMachineAttempts);
            Assert.Equal(0, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Token));
        }
    }

    [Theory]
    [InlineData("userinfo_endpoint", "https://10.1.2.3/userinfo")]
    [InlineData("userinfo_endpoint", "https://169.254.169.254/latest/meta-data/")]
    [InlineData("userinfo_endpoint", "https://172.16.0.1/userinfo")]
    [InlineData("userinfo_endpoint", "https://192.168.1.1/userinfo")]
    [InlineData("userinfo_endpoint", "https://100.64.0.1/userinfo")]
    [InlineData("userinfo_endpoint", "https://[fd00::1]/userinfo")]
    [InlineData("userinfo_endpoint", "https://[fe80::1]/userinfo")]
    [InlineData("userinfo_endpoint", "https://0.0.0.0/userinfo")]
    [InlineData("userinfo_endpoint", "https://224.0.0.1/userinfo")]
    [InlineData("userinfo_endpoint", "https://[::ffff:10.1.2.3]/userinfo")]
    [InlineData("userinfo_endpoint", "http://internal.daemun.test/userinfo")] // not https
    [InlineData("jwks_uri", "https://10.1.2.3/jwks")]
    [InlineData("token_endpoint", "https://10.1.2.3/token")]
    [InlineData("revocation_endpoint", "https://169.254.169.254/revoke")]
    public async Task NonPublicIpLiteralsAndPlainHttpAreRefusedWhenTheDocumentIsRead(string member, string url)
    {
        await using var s = await StartAsync();
        s.Emulator.Faults.SetDiscoveryMember("oidc", member, JsonValue.Create(url));
        using var browser = s.Web.NewBrowser();

        var location = await browser.StartAsync(Provider);

        Assert.Contains("/api/auth/error?error=InvalidProviderResponse", location, StringComparison.Ordinal);
        await Refusal.AssertErrorPageAsync(browser, location, ErrorCode.InvalidProviderResponse);
        Refusal.AssertLogged(s.Web, ErrorCode.InvalidProviderResponse);
        Assert.Contains(s.Web.Logs.Lines, l => l.Contains($"discovery: {member}", StringComparison.Ordinal));
        Assert.Empty(s.Network.Attempts); // nothing was fetched from the document's endpoints
        Assert.Equal(0, s.Emulator.CountRequests("oidc", EmulatorEndpoint.Authorize));
    }
}

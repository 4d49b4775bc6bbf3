using System.Net;
using Daemun.Errors;
using Daemun.Protocol;

namespace Daemun.Jose.Tests;

/// <summary>The address rule for endpoints a discovery document names (finding 6, SSRF through discovery).</summary>
public sealed class ProviderAddressesTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a01:203")] // NAT64 of 10.1.2.3
    public void NonPublicAddressesAreNeverAllowed(string address)
    {
        Assert.False(ProviderAddresses.IsAllowed(IPAddress.Parse(address), allowLoopback: false));
        Assert.False(ProviderAddresses.IsAllowed(IPAddress.Parse(address), allowLoopback: true));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void LoopbackIsAllowedOnlyForALoopbackIssuer(string address)
    {
        Assert.False(ProviderAddresses.IsAllowed(IPAddress.Parse(address), allowLoopback: false));
        Assert.True(ProviderAddresses.IsAllowed(IPAddress.Parse(address), allowLoopback: true));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    public void PublicAddressesAreAllowed(string address) =>
        Assert.True(ProviderAddresses.IsAllowed(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("http://idp.example/userinfo", true)]         // plain http off loopback
    [InlineData("http://127.0.0.1:5000/userinfo", false)]     // plain http to loopback, issuer not on loopback
    [InlineData("https://127.0.0.1/userinfo", false)]
    [InlineData("https://localhost/userinfo", false)]
    [InlineData("https://10.0.0.8/userinfo", true)]
    [InlineData("https://[fe80::1]/userinfo", true)]
    [InlineData("ftp://idp.example/userinfo", true)]
    [InlineData("/userinfo", true)]
    public void DiscoveredUrlsAreRefusedWhenRead(string url, bool refusedEvenForALoopbackIssuer)
    {
        var e = Assert.Throws<DaemunException>(() => ProviderAddresses.RequireDiscoveredUrl(url, "userinfo_endpoint", allowLoopback: false));
        Assert.Equal(ErrorCode.InvalidProviderResponse, e.Code);
        Assert.Contains("userinfo_endpoint", e.Message, StringComparison.Ordinal);
        if (refusedEvenForALoopbackIssuer)
        {
            Assert.Throws<DaemunException>(() => ProviderAddresses.RequireDiscoveredUrl(url, "userinfo_endpoint", allowLoopback: true));
        }
        else
        {
            ProviderAddresses.RequireDiscoveredUrl(url, "userinfo_endpoint", allowLoopback: true);
        }
    }

    [Theory]
    [InlineData("https://idp.example/userinfo")]
    [InlineData("https://8.8.8.8/userinfo")]
    public void PublicHttpsUrlsPassWhenRead(string url) => ProviderAddresses.RequireDiscoveredUrl(url, "userinfo_endpoint", allowLoopback: false);

    /// <summary>A name that resolves to loopback is refused at connect time when the issuer is not on loopback, before any
    /// connection attempt (the connect is to loopback, so even without the check no traffic would leave the machine).</summary>
    [Fact]
    public async Task LoopbackNameIsRefusedAtConnectTimeForAPublicIssuer()
    {
        var network = new MappedNetwork(IPAddress.Loopback);
        using var handler = new SocketsHttpHandler { UseProxy = false, ConnectCallback = new DiscoveredEndpointConnector(network, allowLoopback: false).ConnectAsync };
        using var client = new HttpClient(handler);

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://sneaky.daemun.test:9/"));

        Assert.IsType<RefusedAddressException>(e.InnerException);
        Assert.Equal(["sneaky.daemun.test"], network.Resolved);
        Assert.Empty(network.Attempts);
    }

    private sealed class MappedNetwork(params IPAddress[] addresses) : IProviderNetwork
    {
        public List<string> Resolved { get; } = [];
        public List<IPEndPoint> Attempts { get; } = [];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
        {
            Resolved.Add(host);
            return Task.FromResult(addresses);
        }

        public Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken ct)
        {
            Attempts.Add(endpoint);
            throw new HttpRequestException("this test never connects");
        }
    }
}

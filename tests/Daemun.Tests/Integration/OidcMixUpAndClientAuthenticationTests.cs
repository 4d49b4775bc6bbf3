using System.Net;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>Two relying-party rules checked against the certified peer: RFC 9207's authorization response <c>iss</c> (mix-up
/// defence), and the client authentication chosen from discovery's <c>token_endpoint_auth_methods_supported</c>.</summary>
[Collection(OidcProviderPeerCollection.Name)]
public sealed class OidcMixUpAndClientAuthenticationTests(OidcProviderPeer peer)
{
    [Fact]
    public async Task ACallbackWhoseIssNamesAnotherIssuerIsRefusedAndTheCodeIsNeverRedeemed()
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        using var browser = s.Site.NewBrowser();
        var callback = await s.CallbackAsync(peer, browser);
        Assert.Equal(peer.Issuer, PendingCallback.Query(callback, "iss"));

        // a mix-up: the code is presented as if another issuer had sent it (only a parameter value; nothing contacts that host)
        using var response = await browser.GetAsync(WithIss(callback, Uri.EscapeDataString("https://attacker.example")));

        AssertRefusedBeforeTheTokenRequest(s, response);
        Assert.Empty(await peer.TokenRequestsAsync(s.Client));
    }

    [Fact]
    public async Task ACallbackWithoutIssIsRefusedWhenDiscoveryAdvertisesIt()
    {
        await using var s = await OidcPeerSite.StartAsync(peer);
        Assert.True((await peer.DiscoveryAsync(peer.Issuer)).GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        using var browser = s.Site.NewBrowser();
        var callback = await s.CallbackAsync(peer, browser);

        using var response = await browser.GetAsync(WithIss(callback, null));

        AssertRefusedBeforeTheTokenRequest(s, response);
        Assert.Empty(await peer.TokenRequestsAsync(s.Client));
    }

    [Fact]
    public async Task WithoutConfiguredClientAuthenticationTheMethodIsChosenFromDiscovery()
    {
        var methods = (await peer.DiscoveryAsync(peer.PostOnlyIssuer)).GetProperty("token_endpoint_auth_methods_supported");
        Assert.Equal(["client_secret_post"], methods.EnumerateArray().Select(m => m.GetString()));
        await using var s = await OidcPeerSite.StartAsync(peer, issuer: peer.PostOnlyIssuer, registeredAuthMethod: "client_secret_post", configuredAuthMethod: null);
        using var browser = s.Site.NewBrowser();

        using var response = await browser.GetAsync(await s.CallbackAsync(peer, browser));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect && TestBrowser.ErrorCodeOf(response) is null,
            $"sign-in failed: {response.Headers.Location}\n{s.Site.Logs.All}\n{peer.Diagnostics}");
        Assert.Equal(["authorization_code 200"], await peer.TokenRequestsAsync(s.Client));
        Assert.Equal(1, s.Site.Count("sessions"));
    }

    private static void AssertRefusedBeforeTheTokenRequest(OidcPeerSite s, HttpResponseMessage response)
    {
        Assert.True(TestBrowser.ErrorCodeOf(response) == "InvalidProviderResponse",
            $"expected InvalidProviderResponse, got {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Equal(0, s.Site.Count("sessions"));
        Assert.Equal(0, s.Site.Count("accounts"));
    }

    /// <summary>The callback URL with its <c>iss</c> replaced by a raw (URL-encoded) value, or removed (null).</summary>
    private static string WithIss(string callbackUrl, string? rawIss)
    {
        var q = callbackUrl.IndexOf('?', StringComparison.Ordinal);
        var pairs = callbackUrl[(q + 1)..].Split('&').Where(p => !p.StartsWith("iss=", StringComparison.Ordinal)).ToList();
        if (rawIss is not null) pairs.Add("iss=" + rawIss);
        return callbackUrl[..q] + "?" + string.Join('&', pairs);
    }
}

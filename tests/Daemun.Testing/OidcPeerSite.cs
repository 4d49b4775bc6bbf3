namespace Daemun.Tests.Infrastructure;

/// <summary>A site whose generic <c>Type=oidc</c> provider <c>peer</c> points at the conformance peer, with a client registered for this
/// site alone (its redirect_uri set once the site listens).</summary>
public sealed class OidcPeerSite : IAsyncDisposable
{
    /// <summary>The provider id the site knows the peer by.</summary>
    public const string Provider = "peer";

    private OidcPeerSite(TestSite site, OidcPeerClient client) => (Site, Client) = (site, client);

    public TestSite Site { get; }
    public OidcPeerClient Client { get; }

    /// <summary>Registers a client at <paramref name="issuer"/> (authenticating with <paramref name="registeredAuthMethod"/>) and starts a
    /// site with provider <c>peer</c>. <paramref name="configuredAuthMethod"/> is the site's <c>ClientAuthentication</c> (null: not set).
    /// <paramref name="settings"/> adds or overrides <c>Daemun:Providers:peer:*</c> keys by their last segment.</summary>
    public static async Task<OidcPeerSite> StartAsync(OidcProviderPeer peer, string? issuer = null, string registeredAuthMethod = "client_secret_basic",
        string? configuredAuthMethod = "client_secret_basic", IDictionary<string, string?>? settings = null)
    {
        issuer ??= peer.Issuer;
        var client = await peer.RegisterClientAsync(issuer, registeredAuthMethod);
        var prefix = $"Daemun:Providers:{Provider}:";
        var config = new Dictionary<string, string?>
        {
            [prefix + "Type"] = "oidc",
            [prefix + "Name"] = "Conformance peer",
            [prefix + "Issuer"] = issuer,
            [prefix + "ClientId"] = client.ClientId,
            [prefix + "ClientSecret"] = client.ClientSecret,
            // a refresh token needs offline_access, which an OpenID provider honours only with prompt=consent (OIDC Core §11)
            [prefix + "Scope"] = "openid email profile offline_access",
            [prefix + "AuthorizationParameters:prompt"] = "consent",
            ["Daemun:ProviderTimeout"] = "00:00:30",
        };
        if (configuredAuthMethod is not null) config[prefix + "ClientAuthentication"] = configuredAuthMethod;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[prefix + key] = value;
        var site = await TestSite.StartAsync(config, builtIns: false);
        try
        {
            await peer.SetRedirectUriAsync(client, $"{site.BaseUrl}/api/auth/callback/{Provider}");
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
        return new OidcPeerSite(site, client);
    }

    /// <summary>POST /signin/peer with a valid CSRF token and the given form fields (<c>prompt</c>, <c>login_hint</c> are passed on to the
    /// peer); returns the peer's authorization URL.</summary>
    public static async Task<string> StartAsync(TestBrowser browser, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new Dictionary<string, string> { ["csrfToken"] = await browser.CsrfAsync() };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) form[name] = value;
        using var response = await browser.PostFormAsync($"/api/auth/signin/{Provider}", form);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    /// <summary>Starts a sign-in and walks it through the peer; returns the callback URL the peer sent the browser to, not yet requested.</summary>
    public async Task<string> CallbackAsync(OidcProviderPeer peer, TestBrowser browser, IReadOnlyDictionary<string, string>? fields = null) =>
        await peer.FollowToCallbackAsync(browser, await StartAsync(browser, fields), Site.BaseUrl);

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

using Daemun.OpenIdProvider;
using Daemun.OpenIdProvider.Clients;
using Daemun.Providers;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>A client from configuration that would be unsafe or cannot work stops start-up with a message naming its key.</summary>
public sealed class ClientConfigurationTests
{
    private static readonly HashSet<string> Scopes = ["openid", "profile", "email", "offline_access", "providers", "daemun:read", "daemun:manage"];

    private static OpenIdClientOptions Web(params string[] redirectUris) => new()
    {
        Type = "web", ClientSecret = "a-long-enough-secret-123", RedirectUris = [.. redirectUris], Scopes = ["openid"],
    };

    [Theory]
    [InlineData("http://app.example.com/cb", "RedirectUris")] // plain http off loopback
    [InlineData("https://app.example.com/cb#frag", "RedirectUris")]
    [InlineData("https://*.example.com/cb", "RedirectUris")]
    [InlineData("/relative/cb", "RedirectUris")]
    public void UnsafeRedirectUrisStopStartUp(string uri, string key)
    {
        var e = Assert.Throws<DaemunConfigurationException>(() => ConfiguredClients.Describe("app", Web(uri), Scopes));
        Assert.Equal($"Daemun:OpenIdProvider:Clients:app:{key}", e.Key);
    }

    [Fact]
    public void LoopbackHttpAndHttpsAreAccepted()
    {
        var descriptor = ConfiguredClients.Describe("app", Web("http://127.0.0.1:5000/cb", "https://app.example.com/cb"), Scopes);
        Assert.Equal(2, descriptor.RedirectUris.Count);
    }

    [Fact]
    public void APublicClientWithASecretAndAConfidentialOneWithoutStopStartUp()
    {
        var spa = new OpenIdClientOptions { Type = "spa", ClientSecret = "a-long-enough-secret-123", RedirectUris = ["https://spa.example.com/cb"], Scopes = ["openid"] };
        Assert.EndsWith(":ClientSecret", Assert.Throws<DaemunConfigurationException>(() => ConfiguredClients.Describe("spa", spa, Scopes)).Key, StringComparison.Ordinal);
        var web = Web("https://app.example.com/cb");
        web.ClientSecret = null;
        Assert.EndsWith(":ClientSecret", Assert.Throws<DaemunConfigurationException>(() => ConfiguredClients.Describe("web", web, Scopes)).Key, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicClientsMustUsePkceAndUnknownScopesOrTypesStopStartUp()
    {
        var spa = new OpenIdClientOptions { Type = "spa", RedirectUris = ["https://spa.example.com/cb"], Scopes = ["openid"] };
        Assert.Contains("ft:pkce", ConfiguredClients.Describe("spa", spa, Scopes).Requirements);
        var unknown = Web("https://app.example.com/cb");
        unknown.Scopes.Add("admin");
        Assert.EndsWith(":Scopes", Assert.Throws<DaemunConfigurationException>(() => ConfiguredClients.Describe("app", unknown, Scopes)).Key, StringComparison.Ordinal);
        var typo = Web("https://app.example.com/cb");
        typo.Type = "webapp";
        Assert.EndsWith(":Type", Assert.Throws<DaemunConfigurationException>(() => ConfiguredClients.Describe("app", typo, Scopes)).Key, StringComparison.Ordinal);
    }
}

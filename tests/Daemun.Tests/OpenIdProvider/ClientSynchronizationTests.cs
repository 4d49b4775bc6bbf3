using Daemun.OpenIdProvider;
using Daemun.OpenIdProvider.Clients;
using Daemun.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>Clients from configuration reach the store at start-up, also when instances start together, and leave it with the file.</summary>
public sealed class ClientSynchronizationTests
{
    [Fact]
    public async Task InstancesSynchronizingTogetherAllSucceedAndRemovedClientsLeaveTheStore()
    {
        await using var site = await TestSite.StartAsync(new Dictionary<string, string?>
        {
            ["Daemun:OpenIdProvider:Clients:shop:Type"] = "web",
            ["Daemun:OpenIdProvider:Clients:shop:ClientSecret"] = "shop-secret-0123456789",
            ["Daemun:OpenIdProvider:Clients:shop:RedirectUris:0"] = "https://shop.example.com/cb",
            ["Daemun:OpenIdProvider:Clients:shop:Scopes:0"] = "openid",
            ["Daemun:OpenIdProvider:Clients:old:Type"] = "machine",
            ["Daemun:OpenIdProvider:Clients:old:ClientSecret"] = "old-secret-0123456789",
            ["Daemun:OpenIdProvider:Clients:old:Scopes:0"] = "daemun:read",
        });
        var services = site.Server.App.Services;
        var configured = services.GetRequiredService<IOptions<OpenIdProviderOptions>>().Value;
        Assert.Equal(2, site.Count("oidc_applications"));

        // the file changed: shop renamed, old removed; eight "instances" apply it at once
        var next = new OpenIdProviderOptions();
        next.Clients["shop"] = configured.Clients["shop"];
        next.Clients["shop"].DisplayName = "Example Shop";
        var known = new HashSet<string> { "openid", "profile", "email", "offline_access", "providers", "daemun:read", "daemun:manage" };
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ConfiguredClients.SynchronizeAsync(scopes, next, known, CancellationToken.None)));

        Assert.Equal(1, site.Count("oidc_applications"));
        Assert.Equal("Example Shop", site.Scalar("SELECT display_name FROM oidc_applications WHERE client_id = 'shop'"));
    }
}

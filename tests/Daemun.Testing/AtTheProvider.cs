using System.Net;
using Daemun.Emulator;
using Daemun.Providers;
using Daemun.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Tests.Infrastructure;

/// <summary>Calls tests make as the app or the provider would, to see whether tokens are alive at the emulated provider and what is stored.</summary>
public static class AtTheProvider
{
    /// <summary>The provider's profile API called with the token as Bearer: 200 while it lives, 401 once it is dead.</summary>
    public static async Task<HttpStatusCode> ProfileStatusAsync(this ProviderEmulator emulator, string provider, string accessToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, emulator.EndpointsFor(provider).UserInfoEndpoint);
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>grant_type=refresh_token at the provider's token endpoint, with the registered app's credentials (the secret only where it is required).</summary>
    public static async Task<HttpResponseMessage> RefreshAsync(this ProviderEmulator emulator, string provider, string refreshToken)
    {
        var client = emulator.Client(provider);
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = client.ClientId, ["refresh_token"] = refreshToken };
        if (client.SecretRequired) form["client_secret"] = client.ClientSecret;
        using var http = new HttpClient();
        return await http.PostAsync(emulator.EndpointsFor(provider).TokenEndpoint, new FormUrlEncodedContent(form));
    }

    /// <summary>The user's stored (decrypted) tokens at a provider, read through the site's own store.</summary>
    public static async Task<ProviderTokens> StoredTokensAsync(this TestSite site, string userId, string provider) =>
        (await site.Server.App.Services.GetRequiredService<IUserStore>().FindAccountOfUserAsync(userId, provider, default))!.Tokens;

    /// <summary>The provider registry as an app builds it: public <c>AddDaemun()</c>, configuration keys, then code.</summary>
    public static ProviderRegistry Registry(Dictionary<string, string?> settings, Action<DaemunBuilder>? code = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        var daemun = services.AddDaemun();
        code?.Invoke(daemun);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ProviderRegistry>();
    }
}

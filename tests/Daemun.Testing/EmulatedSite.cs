using Microsoft.Extensions.Time.Testing;
using Daemun.Emulator;

namespace Daemun.Tests.Infrastructure;

/// <summary>An emulator started first (so configuration can point at it) and a site without the emulated built-ins.</summary>
public sealed class EmulatedSite : IAsyncDisposable
{
    private EmulatedSite(ProviderEmulator emulator, TestSite site) => (Emulator, Site) = (emulator, site);

    public ProviderEmulator Emulator { get; }
    public TestSite Site { get; }

    /// <summary>Starts the emulator, then a site with <paramref name="settings"/>. <paramref name="builtIns"/> also enables the four built-ins
    /// (those without credentials in the settings are emulated); <paramref name="emulatorOptions"/> adjusts the emulator first (e.g. its clients).</summary>
    public static async Task<EmulatedSite> StartAsync(Func<ProviderEmulator, Dictionary<string, string?>> settings, bool builtIns = false,
        Action<EmulatorOptions>? emulatorOptions = null, string environment = "Development")
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new EmulatorOptions { TimeProvider = clock, KeyCache = TestSite.Keys };
        emulatorOptions?.Invoke(options);
        var emulator = await ProviderEmulator.StartAsync(options);
        try
        {
            var all = settings(emulator);
            all["Daemun:ProviderTimeout"] = "00:00:30"; // the emulator makes its RSA keys on first use: slow on a busy machine
            return new(emulator, await TestSite.StartAsync(all, emulator: emulator, clock: clock, builtIns: builtIns, environment: environment));
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Naver configured as a real provider would be, against the emulator: a client id and a secret nobody else knows (registered at
    /// the emulator in place of its published ones), and the emulator's Naver endpoints. The other built-ins stay emulated.</summary>
    public static Task<EmulatedSite> WithRealNaverAsync(Dictionary<string, string?>? settings = null)
    {
        var client = new EmulatorClient("naver", $"naver-client-{Guid.NewGuid():N}", Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), SecretRequired: true);
        return StartAsync(emulator => NaverAt(emulator, client.ClientId, client.ClientSecret, settings), builtIns: true, emulatorOptions: o => o.Clients["naver"] = client);
    }

    /// <summary>Settings that point Naver at the emulator's Naver with these credentials, as a real configuration would (so it is not emulated).</summary>
    public static Dictionary<string, string?> NaverAt(ProviderEmulator emulator, string clientId, string clientSecret, Dictionary<string, string?>? settings = null)
    {
        var naver = emulator.EndpointsFor("naver");
        return new Dictionary<string, string?>(settings ?? [])
        {
            ["Daemun:Providers:naver:Enabled"] = "true",
            ["Daemun:Providers:naver:ClientId"] = clientId,
            ["Daemun:Providers:naver:ClientSecret"] = clientSecret,
            ["Daemun:Providers:naver:AuthorizationEndpoint"] = naver.AuthorizationEndpoint,
            ["Daemun:Providers:naver:TokenEndpoint"] = naver.TokenEndpoint,
            ["Daemun:Providers:naver:UserInfoEndpoint"] = naver.UserInfoEndpoint,
            ["Daemun:Providers:naver:RevocationEndpoint"] = naver.RevocationEndpoint,
            ["Daemun:Providers:naver:GrantedItemsEndpoint"] = $"{emulator.BaseAddress}/naver/v1/nid/verify?info=true",
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

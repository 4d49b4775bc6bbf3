using Microsoft.Extensions.Time.Testing;
using Daemun.Emulator;

namespace Daemun.Tests.Infrastructure;

/// <summary>A site with its own emulator on the site's clock, serving the four built-ins and the generic OIDC provider
/// <see cref="Generic"/> (configured as an app would: Type=oidc, the issuer, client id and secret).</summary>
public sealed class SecuritySite : IAsyncDisposable
{
    /// <summary>The id under which the generic OIDC provider is configured; the emulator serves it as "oidc".</summary>
    public const string Generic = "myidp";

    /// <summary>Every provider a site serves, by the site's ids.</summary>
    public static readonly string[] AllProviders = ["naver", "kakao", "google", "github", Generic];

    private SecuritySite(TestSite site) => Site = site;

    public TestSite Site { get; }

    public ProviderEmulator Emulator => Site.Emulator;

    /// <summary>The emulator's id for a site provider id.</summary>
    public static string EmulatorId(string provider) => provider == Generic ? "oidc" : provider;

    public static Task<SecuritySite> StartAsync(IDictionary<string, string?>? settings = null, Action<EmulatorOptions>? emulatorOptions = null) =>
        StartAsync(_ => settings ?? new Dictionary<string, string?>(), emulatorOptions);

    /// <summary>Starts the emulator, then the site with settings that may name the emulator's endpoints.</summary>
    public static async Task<SecuritySite> StartAsync(Func<ProviderEmulator, IDictionary<string, string?>> settings, Action<EmulatorOptions>? emulatorOptions = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new EmulatorOptions { TimeProvider = clock, TimeoutFaultDelay = TimeSpan.FromSeconds(5) };
        emulatorOptions?.Invoke(options);
        var emulator = await ProviderEmulator.StartAsync(options);
        try
        {
            var client = emulator.Client("oidc");
            var all = new Dictionary<string, string?>
            {
                // RSA key generation in the emulator (lazily, and per UnknownKid token) can take over 2 s on a small, busy machine;
                // only the timeout test needs the short timeout, and it sets it back to 2 s
                ["Daemun:ProviderTimeout"] = "00:00:10",
                [$"Daemun:Providers:{Generic}:Type"] = "oidc",
                [$"Daemun:Providers:{Generic}:Issuer"] = emulator.EndpointsFor("oidc").Issuer,
                [$"Daemun:Providers:{Generic}:ClientId"] = client.ClientId,
                [$"Daemun:Providers:{Generic}:ClientSecret"] = client.ClientSecret,
            };
            foreach (var (key, value) in settings(emulator)) all[key] = value;
            return new SecuritySite(await TestSite.StartAsync(all, emulator: emulator, clock: clock));
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var emulator = Site.Emulator;
        await Site.DisposeAsync();
        await emulator.DisposeAsync();
    }
}

using Daemun.Emulator;

namespace Daemun.Tests.Infrastructure;

/// <summary>An emulator started first (so configuration can point at it) and a site without the emulated built-ins.</summary>
internal sealed class EmulatedSite : IAsyncDisposable
{
    private EmulatedSite(ProviderEmulator emulator, TestSite site) => (Emulator, Site) = (emulator, site);

    public ProviderEmulator Emulator { get; }
    public TestSite Site { get; }

    public static async Task<EmulatedSite> StartAsync(Func<ProviderEmulator, Dictionary<string, string?>> settings)
    {
        var clock = new ManualClock();
        var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { TimeProvider = clock, KeyCache = TestSite.Keys });
        var all = settings(emulator);
        all["Daemun:ProviderTimeout"] = "00:00:30"; // the emulator makes its RSA keys on first use: slow on a busy machine
        return new(emulator, await TestSite.StartAsync(all, emulator: emulator, clock: clock, builtIns: false));
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

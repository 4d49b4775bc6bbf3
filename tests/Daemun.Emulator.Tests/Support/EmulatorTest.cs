using Microsoft.Extensions.Time.Testing;

namespace Daemun.Emulator.Tests.Support;

/// <summary>Starts a fresh emulator (and a browser for it) per test, so faults and clocks never leak between tests.</summary>
public abstract class EmulatorTest : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>RSA-2048 generation is slow; every emulator of the suite reuses the same few keys.</summary>
    internal static readonly SigningKeyCache KeyCache = new();

    private ProviderEmulator? emulator;
    private Browser? browser;

    /// <summary>The emulator's clock, moved by hand (starts at a fixed instant so expiry figures are exact).</summary>
    internal FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 3, 0, 0, TimeSpan.Zero));
    internal ProviderEmulator Emulator => emulator ?? throw new InvalidOperationException("Not started.");
    internal Browser Browser => browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>Options for this class's emulator; the manual clock is set already.</summary>
    protected virtual void Configure(EmulatorOptions options) { }

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { TimeProvider = Clock, KeyCache = KeyCache };
        Configure(options);
        emulator = await ProviderEmulator.StartAsync(options);
        browser = new Browser(emulator);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        browser?.Dispose();
        browser = null;
        if (emulator is not null) await emulator.DisposeAsync();
        emulator = null;
        GC.SuppressFinalize(this);
    }
}

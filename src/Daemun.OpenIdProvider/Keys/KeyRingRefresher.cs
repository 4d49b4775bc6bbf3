using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>Loads the key ring when the app starts (creating the keys on the very first start; a store that cannot be read stops the start)
/// and reloads it every <see cref="OpenIdProviderKeyOptions.ReloadEvery"/> (rotating when due). A failed reload is logged and the keys read
/// before stay in use.</summary>
internal sealed class KeyRingRefresher(OpenIdKeyRing ring, IOptions<OpenIdProviderOptions> options, TimeProvider time, ILogger<KeyRingRefresher> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ring.RefreshAsync(cancellationToken);
        _loop = ReloadAsync(_stopping.Token);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Stops the reloads.</summary>
    public void Dispose() => _stopping.Dispose();

    /// <summary>One delay after another rather than a periodic timer: the next reload is scheduled when the previous one is done, and a
    /// clock that jumps ahead (a test's manual clock, a suspended machine) causes one reload, not one per missed period.</summary>
    private async Task ReloadAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.Keys.ReloadEvery, time, stopping);
                try
                {
                    await ring.RefreshAsync(stopping);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    KeyLog.ReloadFailed(logger, e.GetType().Name + ": " + e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping
        }
    }
}

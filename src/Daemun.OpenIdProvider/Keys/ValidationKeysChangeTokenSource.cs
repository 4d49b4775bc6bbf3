using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>OpenIddict's validation (<c>UseLocalServer()</c>, for APIs on this server) copies the signing keys from the server's options when
/// its own are built: this rebuilds them after the server's were rebuilt with new keys (it fires from the server monitor's change
/// notification, so the server's options are already the new ones).</summary>
internal sealed class ValidationKeysChangeTokenSource : IOptionsChangeTokenSource<OpenIddictValidationOptions>, IDisposable
{
    private readonly IDisposable? _subscription;
    private CancellationTokenSource _changed = new();

    public ValidationKeysChangeTokenSource(IOptionsMonitor<OpenIddictServerOptions> server) => _subscription = server.OnChange(_ =>
    {
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    });

    /// <inheritdoc/>
    public string? Name => Options.DefaultName;

    /// <inheritdoc/>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>Stops listening to the server's options.</summary>
    public void Dispose()
    {
        _subscription?.Dispose();
        _changed.Dispose();
    }
}

using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Daemun.Storage;

/// <summary>The Data Protection key ring in Daemun's store (table <c>data_protection_keys</c>), so that every instance of an app shares one
/// key ring: a state cookie sealed by one machine opens on another. Data Protection calls it rarely (at start-up, when its cached key ring
/// expires, when it creates a key), and synchronously, so the store's async calls are awaited here.
/// The store is resolved on first use: it depends on Data Protection itself (provider tokens are encrypted).</summary>
internal sealed class StoreXmlRepository(IServiceProvider services) : IXmlRepository
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private IKeyRingStore Store => services.GetRequiredService<IKeyRingStore>();

    /// <inheritdoc/>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var xml = Store.DataProtectionKeysAsync(cts.Token).GetAwaiter().GetResult();
        return xml.Select(x => XElement.Parse(x)).ToList();
    }

    /// <inheritdoc/>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var cts = new CancellationTokenSource(Timeout);
        Store.StoreDataProtectionKeyAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), DateTimeOffset.UtcNow, cts.Token).GetAwaiter().GetResult();
    }
}

namespace Daemun.Storage;

/// <summary>The Data Protection key ring shared by every instance (table <c>data_protection_keys</c>, see <c>PersistKeysToStore()</c>).
/// Only with a database: without one this role is not registered, and start-up refuses <c>PersistKeysToStore()</c>.</summary>
public interface IKeyRingStore
{
    /// <summary>Every Data Protection key's XML, oldest first.</summary>
    Task<IReadOnlyList<string>> DataProtectionKeysAsync(CancellationToken ct);

    /// <summary>Adds a Data Protection key; a key with the same name is kept as it is (keys are immutable once written).</summary>
    Task StoreDataProtectionKeyAsync(string friendlyName, string xml, DateTimeOffset createdAt, CancellationToken ct);
}

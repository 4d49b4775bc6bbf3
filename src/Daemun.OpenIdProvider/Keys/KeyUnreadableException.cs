namespace Daemun.OpenIdProvider.Keys;

/// <summary>A key in <c>oidc_keys</c> does not decrypt with this instance's Data Protection key ring: the instances do not share one, or
/// it was lost. The message names the key id only.</summary>
internal sealed class KeyUnreadableException(string keyId, Exception inner) : Exception(
    $"The OpenID Provider key {keyId} in table oidc_keys does not decrypt with this instance's Data Protection key ring. Every instance must " +
    "share one key ring under one application name (PostgreSQL: the store's; SQLite: the data folder's keys). If the key ring was lost, delete " +
    "the rows of oidc_keys: new keys are generated, and every token issued before stops being valid.", inner)
{
    /// <summary>The key that could not be read.</summary>
    public string KeyId { get; } = keyId;
}

namespace Daemun.Emulator.Catalog;

/// <summary>How a catalog provider's token endpoint expects the client to authenticate (its declaration's client authentication).</summary>
public enum CatalogClientAuthentication
{
    /// <summary>client_id and client_secret in the form body.</summary>
    Post,
    /// <summary>HTTP Basic with client_id and client_secret; the form carries neither secret nor a second client_id check.</summary>
    Basic,
    /// <summary>A public client: client_id in the form, no secret.</summary>
    None,
}

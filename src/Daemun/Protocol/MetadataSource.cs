namespace Daemun.Protocol;

/// <summary>Where a provider's metadata comes from: its discovery document (<paramref name="IsDiscovery"/>), or a key set (JWKS) at a
/// configured URL or at the <c>jwks_uri</c> a discovery document named (<paramref name="FromDiscovery"/>: the rule for discovered
/// endpoints applies to it). <paramref name="AllowLoopback"/>: the configured issuer is on loopback, so a discovered URL may be too.</summary>
internal sealed record MetadataSource(string Address, bool IsDiscovery, bool AllowLoopback, bool FromDiscovery = false)
{
    /// <summary>The rule for URLs this source's documents name.</summary>
    public AddressRule DiscoveredRule => AllowLoopback ? AddressRule.PublicOrLoopback : AddressRule.Public;
}

namespace Daemun.Tests.Infrastructure;

/// <summary>The test classes that sign in against the conformance peer share one <see cref="OidcProviderPeer"/> process.</summary>
[CollectionDefinition(Name)]
public sealed class OidcProviderPeerCollection : ICollectionFixture<OidcProviderPeer>
{
    public const string Name = "oidc-provider peer";
}

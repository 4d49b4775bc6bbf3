using Daemun.Errors;
using Daemun.Jose.Tests.Support;
using Daemun.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Jose.Tests;

/// <summary>Discovery documents and key sets through IdentityModel's ConfigurationManager: cached, one rate-limited refetch for an
/// unknown kid, failures as <see cref="DaemunException"/>.</summary>
public sealed class ProviderMetadataTests : IDisposable
{
    private static readonly MetadataSource Keys = new("https://issuer.example/jwks", IsDiscovery: false, AllowLoopback: false);
    private static readonly string FirstKeys = Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1"));
    private static readonly string RotatedKeys = Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1"), Jwks.Rsa(TestKeys.OtherRsa, "rsa-2"));

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 11, 21, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingRetriever fetch = new(FirstKeys);
    private readonly ProviderMetadata metadata;

    public ProviderMetadataTests() => metadata = new ProviderMetadata(_ => fetch, time);

    public void Dispose() => metadata.Dispose();

    [Fact]
    public async Task KeysAreFetchedOnceAndCached()
    {
        var first = await metadata.GetAsync(Keys, CancellationToken.None);
        var again = await metadata.GetAsync(Keys, CancellationToken.None);
        Assert.Same(first, again);
        Assert.Single(first.JsonWebKeySet.Keys);
        Assert.Equal(1, fetch.Count);
    }

    [Fact]
    public async Task RefetchFindsARotatedKey()
    {
        var first = await metadata.GetAsync(Keys, CancellationToken.None);
        fetch.Json = RotatedKeys;
        time.Advance(TimeSpan.FromMinutes(1));

        var fresh = await metadata.RefetchAsync(Keys, first, CancellationToken.None);

        Assert.Equal(2, fresh.JsonWebKeySet.Keys.Count);
        Assert.Same(fresh, await metadata.GetAsync(Keys, CancellationToken.None));
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task RefetchRightAfterAFetchDoesNotFetch()
    {
        var first = await metadata.GetAsync(Keys, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));

        Assert.Same(first, await metadata.RefetchAsync(Keys, first, CancellationToken.None));
        Assert.Equal(1, fetch.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotSame(first, await metadata.RefetchAsync(Keys, first, CancellationToken.None));
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task ARefetchByAnotherCallerIsUsedWithoutFetchingAgain()
    {
        var first = await metadata.GetAsync(Keys, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var fresh = await metadata.RefetchAsync(Keys, first, CancellationToken.None);

        Assert.Same(fresh, await metadata.RefetchAsync(Keys, first, CancellationToken.None)); // the second saw the old one
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task AFailedRefetchKeepsTheKeysThatWereThere()
    {
        var first = await metadata.GetAsync(Keys, CancellationToken.None);
        fetch.Failure = CountingRetriever.Unreachable();
        time.Advance(TimeSpan.FromMinutes(1));

        var e = await Assert.ThrowsAsync<DaemunException>(() => metadata.RefetchAsync(Keys, first, CancellationToken.None));

        Assert.Equal(ErrorCode.ProviderUnavailable, e.Code);
        Assert.Same(first, await metadata.GetAsync(Keys, CancellationToken.None));
        Assert.Same(first, await metadata.RefetchAsync(Keys, first, CancellationToken.None)); // the failed attempt counts
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task AMalformedKeySetIsAnInvalidProviderResponse()
    {
        fetch.Json = "<html>502 Bad Gateway</html>";
        var e = await Assert.ThrowsAsync<DaemunException>(() => metadata.GetAsync(Keys, CancellationToken.None));
        Assert.Equal(ErrorCode.InvalidProviderResponse, e.Code);
    }

    [Fact]
    public async Task ConcurrentCallersShareOneFetch()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fetch.Gate = release.Task;
        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => metadata.GetAsync(Keys, CancellationToken.None))).ToList();
        while (fetch.Count == 0)
        {
            await Task.Delay(1);
        }

        release.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Single(results.Distinct());
        Assert.Equal(1, fetch.Count);
    }

    [Fact]
    public async Task EachSourceHasItsOwnCache()
    {
        var other = Keys with { Address = "https://other.example/jwks" };
        await metadata.GetAsync(Keys, CancellationToken.None);
        await metadata.GetAsync(other, CancellationToken.None);
        await metadata.GetAsync(Keys, CancellationToken.None);

        Assert.Equal([Keys.Address, other.Address], fetch.Addresses);
    }

    [Fact]
    public async Task ADiscoveryDocumentIsReadAloneWithoutItsKeySet()
    {
        var discovery = new MetadataSource("https://issuer.example/.well-known/openid-configuration", IsDiscovery: true, AllowLoopback: false);
        fetch.Documents[discovery.Address] = """{"issuer":"https://issuer.example","jwks_uri":"https://issuer.example/jwks","authorization_response_iss_parameter_supported":true}""";

        var document = await metadata.GetAsync(discovery, CancellationToken.None);

        Assert.Equal("https://issuer.example", document.Issuer);
        Assert.True(document.AuthorizationResponseIssParameterSupported);
        Assert.Equal([discovery.Address], fetch.Addresses);
    }
}

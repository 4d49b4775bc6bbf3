using Daemun.Jose.Tests.Support;
using Daemun.Protocol.Jose;

namespace Daemun.Jose.Tests;

public sealed class JwksCacheTests
{
    private static readonly Uri JwksUri = new("https://issuer.example/jwks");
    private static readonly string FirstKeys = Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1"));
    private static readonly string RotatedKeys = Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1"), Jwks.Rsa(TestKeys.OtherRsa, "rsa-2"));

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 11, 21, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingFetch fetch = new(FirstKeys);
    private readonly JwksCache cache;

    public JwksCacheTests() => cache = new JwksCache(fetch.FetchAsync, time);

    private Task<IReadOnlyList<JsonWebKey>> Get(string? kid, string alg = "RS256") =>
        cache.GetKeysAsync(JwksUri, kid, alg, CancellationToken.None);

    [Fact]
    public async Task KeysAreFetchedOnceAndCachedForTheLifetime()
    {
        Assert.Single(await Get("rsa-1"));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Single(await Get("rsa-1"));
        Assert.Single(await Get(null));

        Assert.Equal(1, fetch.Count);
    }

    [Fact]
    public async Task KeysAreRefetchedWhenTheLifetimeEnds()
    {
        await Get("rsa-1");
        time.Advance(TimeSpan.FromHours(1));
        await Get("rsa-1");

        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task LifetimeIsConfigurable()
    {
        var shortLived = new JwksCache(fetch.FetchAsync, time, lifetime: TimeSpan.FromMinutes(5));
        await shortLived.GetKeysAsync(JwksUri, "rsa-1", "RS256", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        await shortLived.GetKeysAsync(JwksUri, "rsa-1", "RS256", CancellationToken.None);

        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task UnknownKidTriggersExactlyOneRefetch()
    {
        await Get("rsa-1");
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(await Get("unknown"));
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task RotatedKeyIsFoundByTheRefetch()
    {
        await Get("rsa-1");
        fetch.Json = RotatedKeys;
        time.Advance(TimeSpan.FromMinutes(5));

        var found = Assert.Single(await Get("rsa-2"));
        Assert.Equal("rsa-2", found.KeyId);
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task RandomKidsDoNotRefetchMoreThanOncePerInterval()
    {
        await Get("rsa-1");
        time.Advance(TimeSpan.FromMinutes(5));

        for (var i = 0; i < 50; i++)
        {
            Assert.Empty(await Get(Guid.NewGuid().ToString()));
            time.Advance(TimeSpan.FromMilliseconds(500)); // 25 s in all
        }

        Assert.Equal(2, fetch.Count);

        time.Advance(TimeSpan.FromSeconds(5)); // 30 s after the refetch
        await Get(Guid.NewGuid().ToString());
        await Get(Guid.NewGuid().ToString());
        Assert.Equal(3, fetch.Count);
    }

    [Fact]
    public async Task UnknownKidRightAfterAFetchDoesNotRefetch()
    {
        await Get("rsa-1");
        time.Advance(TimeSpan.FromSeconds(29));

        Assert.Empty(await Get("unknown"));
        Assert.Equal(1, fetch.Count);
    }

    [Fact]
    public async Task FirstFetchIsNotRepeatedForAnUnknownKid()
    {
        var eager = new JwksCache(fetch.FetchAsync, time, refetchInterval: TimeSpan.Zero);
        Assert.Empty(await eager.GetKeysAsync(JwksUri, "unknown", "RS256", CancellationToken.None));
        Assert.Equal(1, fetch.Count);
    }

    [Fact]
    public async Task RefetchIntervalIsConfigurable()
    {
        var patient = new JwksCache(fetch.FetchAsync, time, refetchInterval: TimeSpan.FromMinutes(10));
        await patient.GetKeysAsync(JwksUri, "rsa-1", "RS256", CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(9));
        await patient.GetKeysAsync(JwksUri, "unknown", "RS256", CancellationToken.None);
        Assert.Equal(1, fetch.Count);

        time.Advance(TimeSpan.FromMinutes(1));
        await patient.GetKeysAsync(JwksUri, "unknown", "RS256", CancellationToken.None);
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task FetchFailureThrowsJoseException()
    {
        fetch.Failure = new HttpRequestException("connection refused");

        var thrown = await Assert.ThrowsAsync<JoseException>(() => Get("rsa-1"));
        Assert.IsType<HttpRequestException>(thrown.InnerException);
    }

    [Fact]
    public async Task MalformedJwksThrowsJoseException()
    {
        fetch.Json = "<html>502 Bad Gateway</html>";

        await Assert.ThrowsAsync<JoseException>(() => Get("rsa-1"));
    }

    [Fact]
    public async Task FailedFetchIsNotRetriedWithinTheInterval()
    {
        fetch.Failure = new HttpRequestException("connection refused");
        await Assert.ThrowsAsync<JoseException>(() => Get("rsa-1"));
        fetch.Failure = null;
        time.Advance(TimeSpan.FromSeconds(29));

        await Assert.ThrowsAsync<JoseException>(() => Get("rsa-1"));
        Assert.Equal(1, fetch.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await Get("rsa-1"));
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task FreshKeysSurviveAFailedRefetch()
    {
        await Get("rsa-1");
        fetch.Failure = new HttpRequestException("connection refused");
        time.Advance(TimeSpan.FromMinutes(5));

        await Assert.ThrowsAsync<JoseException>(() => Get("unknown"));
        Assert.Single(await Get("rsa-1"));
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task ExpiredKeysAreNotUsedWhenTheRefreshFails()
    {
        await Get("rsa-1");
        fetch.Failure = new HttpRequestException("connection refused");
        time.Advance(TimeSpan.FromHours(1));

        await Assert.ThrowsAsync<JoseException>(() => Get("rsa-1"));
    }

    [Fact]
    public async Task ConcurrentCallersShareOneFetch()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fetch.Gate = release.Task;

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => Get("rsa-1"))).ToList();
        while (fetch.Count == 0)
        {
            await Task.Delay(1);
        }

        release.SetResult();
        foreach (var keys in await Task.WhenAll(callers))
        {
            Assert.Single(keys);
        }

        Assert.Equal(1, fetch.Count);
    }

    [Fact]
    public async Task EachUriHasItsOwnCache()
    {
        var other = new Uri("https://other.example/jwks");
        await Get("rsa-1");
        await cache.GetKeysAsync(other, "rsa-1", "RS256", CancellationToken.None);
        await Get("rsa-1");

        Assert.Equal([JwksUri, other], fetch.Uris);
    }

    [Fact]
    public async Task CancellationPropagatesAndIsNotCountedAsAFailure()
    {
        using var cancellation = new CancellationTokenSource();
        fetch.Gate = new TaskCompletionSource().Task; // the fetch hangs until cancelled
        var pending = cache.GetKeysAsync(JwksUri, "rsa-1", "RS256", cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        fetch.Gate = null;
        Assert.Single(await Get("rsa-1"));
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task FetchTimeoutIsAFailureNotACancellation()
    {
        fetch.Failure = new TaskCanceledException("the HTTP client timed out");

        await Assert.ThrowsAsync<JoseException>(() => Get("rsa-1"));
    }
}

using System.Collections.Concurrent;

namespace Daemun.Protocol.Jose;

/// Fetches and caches JWKS per URI. Keys are kept for the lifetime (default 1 h). An unknown kid
/// triggers one refetch, but a URI is fetched at most once per refetch interval (default 30 s), so
/// tokens with random kids cannot make us hammer the provider. A failed fetch also counts: it is
/// not retried within the interval. Concurrent callers share one fetch.
internal sealed class JwksCache
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultRefetchInterval = TimeSpan.FromSeconds(30);

    private readonly Func<Uri, CancellationToken, Task<string>> fetch;
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;
    private readonly TimeSpan refetchInterval;
    private readonly ConcurrentDictionary<Uri, Entry> entries = new();

    public JwksCache(Func<Uri, CancellationToken, Task<string>> fetch, TimeProvider time, TimeSpan? lifetime = null, TimeSpan? refetchInterval = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(time);
        this.fetch = fetch;
        this.time = time;
        this.lifetime = lifetime ?? DefaultLifetime;
        this.refetchInterval = refetchInterval ?? DefaultRefetchInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.lifetime, TimeSpan.Zero, nameof(lifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.refetchInterval, TimeSpan.Zero, nameof(refetchInterval));
    }

    /// The keys of jwksUri that may verify alg with kid (see JsonWebKeySet.Find); empty when there is
    /// no such key even after the refetch we allow. Throws JoseException when the JWKS cannot be
    /// fetched or parsed; OperationCanceledException only when ct is cancelled.
    public async Task<IReadOnlyList<JsonWebKey>> GetKeysAsync(Uri jwksUri, string? kid, string alg, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(jwksUri);
        var entry = entries.GetOrAdd(jwksUri, static _ => new Entry());

        // Fast path, no lock: fresh keys that match, or no match and no refetch allowed yet.
        var state = entry.State;
        var now = time.GetUtcNow();
        if (FreshKeys(state, now) is { } cached)
        {
            var found = cached.Find(kid, alg).ToList();
            if (found.Count > 0 || !MayFetch(state, now))
            {
                return found;
            }
        }

        await entry.Gate.WaitAsync(ct);
        try
        {
            // Someone else may have fetched while we waited: decide again on what is there now.
            state = entry.State;
            now = time.GetUtcNow();
            var keys = FreshKeys(state, now);
            var fetchedHere = false;
            if (keys is null)
            {
                if (state is { LastAttemptFailed: true } && !MayFetch(state, now))
                {
                    throw new JoseException("The JWKS could not be fetched a moment ago; not retrying within the refetch interval.");
                }

                keys = await FetchAsync(entry, jwksUri, ct);
                fetchedHere = true;
            }

            var found = keys.Find(kid, alg).ToList();
            if (found.Count == 0 && !fetchedHere && MayFetch(state, now))
            {
                keys = await FetchAsync(entry, jwksUri, ct);
                found = keys.Find(kid, alg).ToList();
            }

            return found;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private JsonWebKeySet? FreshKeys(CacheState? state, DateTimeOffset now) =>
        state is { Keys: { } keys } && now - state.FetchedAt < lifetime ? keys : null;

    private bool MayFetch(CacheState? state, DateTimeOffset now) =>
        state is null || now - state.LastAttempt >= refetchInterval;

    private async Task<JsonWebKeySet> FetchAsync(Entry entry, Uri jwksUri, CancellationToken ct)
    {
        var previous = entry.State;
        string json;
        try
        {
            json = await fetch(jwksUri, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            entry.State = Failed(previous);
            throw new JoseException("Fetching the JWKS failed.", ex);
        }

        JsonWebKeySet keys;
        try
        {
            keys = JsonWebKeySet.Parse(json);
        }
        catch (JoseException ex)
        {
            entry.State = Failed(previous);
            throw new JoseException("The fetched JWKS is malformed.", ex);
        }

        var fetchedAt = time.GetUtcNow();
        var state = new CacheState(keys, fetchedAt, fetchedAt, LastAttemptFailed: false);
        entry.State = state;
        return keys;
    }

    // A failure keeps whatever keys were there (still fresh ones stay usable) and starts the interval.
    private CacheState Failed(CacheState? previous) =>
        new(previous?.Keys, previous?.FetchedAt ?? DateTimeOffset.MinValue, time.GetUtcNow(), LastAttemptFailed: true);

    private sealed record CacheState(JsonWebKeySet? Keys, DateTimeOffset FetchedAt, DateTimeOffset LastAttempt, bool LastAttemptFailed);

    private sealed class Entry
    {
        private volatile CacheState? state;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public CacheState? State
        {
            get => state;
            set => state = value;
        }
    }
}

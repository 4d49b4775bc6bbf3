namespace Daemun.Jose.Tests.Support;

/// A JWKS fetch delegate that serves a settable document (or throws) and counts its calls.
internal sealed class CountingFetch(string json)
{
    private int count;

    public string Json { get; set; } = json;

    public Exception? Failure { get; set; }

    /// When set, each fetch waits for it before answering.
    public Task? Gate { get; set; }

    public int Count => Volatile.Read(ref count);

    public List<Uri> Uris { get; } = [];

    public async Task<string> FetchAsync(Uri uri, CancellationToken ct)
    {
        Interlocked.Increment(ref count);
        lock (Uris)
        {
            Uris.Add(uri);
        }

        if (Gate is { } gate)
        {
            await gate.WaitAsync(ct);
        }

        ct.ThrowIfCancellationRequested();
        return Failure is { } failure ? throw failure : Json;
    }
}

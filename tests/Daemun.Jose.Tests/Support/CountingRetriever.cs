using Daemun.Errors;
using Microsoft.IdentityModel.Protocols;

namespace Daemun.Jose.Tests.Support;

/// A document retriever that serves settable documents by address (or throws) and counts its calls.
internal sealed class CountingRetriever(string json) : IDocumentRetriever
{
    private int count;

    /// The document served for any address not in <see cref="Documents"/>.
    public string Json { get; set; } = json;

    /// Documents by address (a discovery document and its JWKS).
    public Dictionary<string, string> Documents { get; } = new(StringComparer.Ordinal);

    public Exception? Failure { get; set; }

    /// When set, each fetch waits for it before answering.
    public Task? Gate { get; set; }

    public int Count => Volatile.Read(ref count);

    public List<string> Addresses { get; } = [];

    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        Interlocked.Increment(ref count);
        lock (Addresses)
        {
            Addresses.Add(address);
        }

        if (Gate is { } gate)
        {
            await gate;
        }

        return Failure is { } failure ? throw failure : Documents.GetValueOrDefault(address, Json);
    }

    /// The failure ProviderHttp raises for a connection that is refused.
    public static DaemunException Unreachable() => new(ErrorCode.ProviderUnavailable, "jwks: ConnectionError");
}

using System.Collections.Concurrent;
using Daemun.Errors;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Daemun.Protocol;

/// <summary>Discovery documents and key sets per source, kept by IdentityModel's <see cref="ConfigurationManager{T}"/> (refreshed
/// after <see cref="Lifetime"/>). An unknown <c>kid</c> may ask for one refetch (<see cref="RefetchAsync"/>), at most once per
/// <see cref="RefetchInterval"/> per source, counting every fetch attempt, so tokens with random kids cannot make us hammer a provider.</summary>
internal sealed class ProviderMetadata(Func<MetadataSource, IDocumentRetriever> retrievers, TimeProvider time) : IDisposable
{
    /// <summary>How long a document is used before the manager reads it again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The least time between two fetches a refetch may cause.</summary>
    public static readonly TimeSpan RefetchInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<MetadataSource, Entry> _entries = new();

    /// <summary>The source's current configuration, fetched on first use. Throws <see cref="DaemunException"/> when it cannot be read.</summary>
    public Task<OpenIdConnectConfiguration> GetAsync(MetadataSource source, CancellationToken ct) => LoadAsync(EntryFor(source).Manager, ct);

    /// <summary>For an unknown kid: a fresh fetch unless one was attempted within <see cref="RefetchInterval"/> (then the current
    /// configuration, which may be newer than <paramref name="seen"/> when another caller refetched meanwhile). A failed refetch keeps
    /// the configuration that was there and throws.</summary>
    public async Task<OpenIdConnectConfiguration> RefetchAsync(MetadataSource source, OpenIdConnectConfiguration seen, CancellationToken ct)
    {
        var entry = EntryFor(source);
        await entry.Gate.WaitAsync(ct);
        try
        {
            var current = await LoadAsync(entry.Manager, ct);
            if (!ReferenceEquals(current, seen) || time.GetUtcNow() - entry.LastAttempt < RefetchInterval) return current;
            var fresh = NewManager(source, entry);
            var configuration = await LoadAsync(fresh, ct);
            entry.Manager = fresh;
            return configuration;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private Entry EntryFor(MetadataSource source) => _entries.GetOrAdd(source, s =>
    {
        var entry = new Entry();
        entry.Manager = NewManager(s, entry);
        return entry;
    });

    private ConfigurationManager<OpenIdConnectConfiguration> NewManager(MetadataSource source, Entry entry)
    {
        IConfigurationRetriever<OpenIdConnectConfiguration> reader = source.IsDiscovery ? new DiscoveryConfigurationRetriever() : new JwksConfigurationRetriever();
        return new ConfigurationManager<OpenIdConnectConfiguration>(source.Address, reader, new Stamped(retrievers(source), entry, time))
        {
            AutomaticRefreshInterval = Lifetime,
        };
    }

    private static async Task<OpenIdConnectConfiguration> LoadAsync(ConfigurationManager<OpenIdConnectConfiguration> manager, CancellationToken ct)
    {
        try
        {
            return await manager.GetConfigurationAsync(ct);
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            for (var inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is DaemunException known) throw new DaemunException(known.Code, known.Message);
            }
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "metadata: not a usable discovery document or key set");
        }
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values) entry.Dispose();
    }

    private sealed class Entry : IDisposable
    {
        public void Dispose() => Gate.Dispose();

        public ConfigurationManager<OpenIdConnectConfiguration> Manager = null!;
        public DateTimeOffset LastAttempt = DateTimeOffset.MinValue;
        public readonly SemaphoreSlim Gate = new(1, 1);
    }

    /// <summary>Notes the time of every fetch attempt (the manager's own included) before passing it on.</summary>
    private sealed class Stamped(IDocumentRetriever inner, Entry entry, TimeProvider time) : IDocumentRetriever
    {
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            entry.LastAttempt = time.GetUtcNow();
            return inner.GetDocumentAsync(address, cancel);
        }
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Daemun.Errors;
using Microsoft.Extensions.Options;

namespace Daemun.Protocol;

/// <summary>Every call to a provider goes through here: one timeout, one size limit, network failures mapped to <see cref="ErrorCode.ProviderUnavailable"/>.
/// A URL a discovery document named goes through a client whose connections are checked (<see cref="DiscoveredEndpointConnector"/>).</summary>
internal sealed class ProviderHttp(IHttpClientFactory clients, IOptions<DaemunOptions> options)
{
    public const string ClientName = "Daemun.Providers";
    /// <summary>The client for discovered endpoints: public addresses only.</summary>
    public const string PublicClientName = "Daemun.Providers.Discovered";
    /// <summary>The client for discovered endpoints of a provider whose configured issuer is on loopback: public or loopback addresses.</summary>
    public const string LoopbackClientName = "Daemun.Providers.DiscoveredLoopback";
    private const string UserAgent = "Daemun/1.0";

    private readonly ConcurrentDictionary<string, AddressRule> _discovered = new(StringComparer.Ordinal);

    /// <summary>Remembers that <paramref name="url"/> came from a discovery document: every later call to it obeys <paramref name="rule"/>.</summary>
    public void MarkDiscovered(string url, AddressRule rule)
    {
        if (rule != AddressRule.Configured) _discovered[url] = rule;
    }

    public Task<ProviderResponse> SendAsync(HttpRequestMessage request, string what, CancellationToken ct) =>
        SendAsync(request, what, request.RequestUri is { } u && _discovered.TryGetValue(u.OriginalString, out var rule) ? rule : AddressRule.Configured, ct);

    public async Task<ProviderResponse> SendAsync(HttpRequestMessage request, string what, AddressRule rule, CancellationToken ct)
    {
        var o = options.Value;
        var client = rule switch
        {
            AddressRule.Public => PublicClientName,
            AddressRule.PublicOrLoopback => LoopbackClientName,
            _ => ClientName,
        };
        if (!request.Headers.Contains("User-Agent")) request.Headers.UserAgent.ParseAdd(UserAgent); // else the declaration's (Reddit's)
        if (request.Headers.Accept.Count == 0) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.ProviderTimeout);
        try
        {
            using var response = await clients.CreateClient(client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadLimitedAsync(response.Content, o.MaxProviderResponseBytes, what, timeout.Token);
            return new ProviderResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DaemunException(ErrorCode.ProviderUnavailable, $"{what}: no answer within {o.ProviderTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedAddressException refused)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"{what}: {refused.Host} is not a public address; discovered endpoints must be");
        }
        catch (HttpRequestException e)
        {
            throw new DaemunException(ErrorCode.ProviderUnavailable, $"{what}: {e.HttpRequestError}");
        }
        catch (IOException e)
        {
            // the connection broke while the body was read (HttpIOException: ended prematurely, or a reset)
            throw new DaemunException(ErrorCode.ProviderUnavailable, $"{what}: the connection broke mid-answer ({(e as HttpIOException)?.HttpRequestError ?? HttpRequestError.Unknown})");
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpContent content, int limit, string what, CancellationToken ct)
    {
        if (content.Headers.ContentLength > limit) throw TooLarge(what, limit);
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(what, limit);
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"{what}: the body is not valid UTF-8");
        }
    }

    private static DaemunException TooLarge(string what, int limit) =>
        new(ErrorCode.InvalidProviderResponse, $"{what}: the body exceeds {limit} bytes");
}

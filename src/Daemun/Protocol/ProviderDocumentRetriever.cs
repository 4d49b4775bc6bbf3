using Daemun.Errors;
using Microsoft.IdentityModel.Protocols;

namespace Daemun.Protocol;

/// <summary>IdentityModel's document retriever on Daemun's provider HTTP (its timeout, size limit and client). A configured address
/// is the operator's; a discovered one (the <c>jwks_uri</c> a discovery document named) must pass the rule for discovered endpoints
/// before it is fetched, and is fetched through the client that checks the addresses it connects to.</summary>
internal sealed class ProviderDocumentRetriever(ProviderHttp http, MetadataSource source) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        var configured = string.Equals(address, source.Address, StringComparison.Ordinal) && !source.FromDiscovery;
        var what = source.IsDiscovery ? "discovery" : "jwks";
        if (!configured) ProviderAddresses.RequireDiscoveredUrl(address, "jwks_uri", source.AllowLoopback);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        var response = await http.SendAsync(request, what, configured ? AddressRule.Configured : source.DiscoveredRule, cancel);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"{what}: HTTP {response.Status}");
        if (response.Status != 200) throw new DaemunException(ErrorCode.InvalidProviderResponse, $"{what}: HTTP {response.Status}");
        return response.Body;
    }
}

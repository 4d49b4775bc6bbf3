using System.Net.Http.Headers;
using Daemun.Errors;
using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>Asks the provider which items the person agreed to share (Naver <c>verify?info=true</c> → <c>allowed_profile</c>).</summary>
internal sealed class GrantedItemsClient(ProviderHttp http)
{
    public async Task<IReadOnlyList<string>> GetAsync(GrantedItemsApi api, string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, api.Endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await http.SendAsync(request, "granted items", ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"granted items: HTTP {response.Status}");
        if (response.Status != 200 || response.TryJson() is not { } json || api.Select(json) is not { } items)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"granted items: HTTP {response.Status}, not the documented answer");
        }
        return items;
    }
}

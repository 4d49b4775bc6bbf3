using Daemun.Errors;

namespace Daemun.Providers;

/// <summary>Naver's unlink (docs/providers/naver.md §3): RFC 7009 revocation (revoking one token revokes its pair); when that fails and
/// <see cref="ProviderOptions.LegacyDeleteFallback"/> is set, the legacy token-endpoint call <c>grant_type=delete</c> (§2), which answers
/// <c>{"result":"success"}</c> (also for an unknown token) and reports errors with HTTP 200.</summary>
internal sealed class NaverUnlinkRequest : UnlinkRequest
{
    public override async Task UnlinkAsync(ProviderCall call, CancellationToken ct)
    {
        try
        {
            await base.UnlinkAsync(call, ct);
        }
        catch (DaemunException e) when (call.Provider.LegacyDeleteFallback)
        {
            call.LogRetry(e, "trying the legacy grant_type=delete");
            await LegacyDeleteAsync(call, ct);
        }
    }

    private static async Task LegacyDeleteAsync(ProviderCall call, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "delete"), new("access_token", call.AccessToken), new("service_provider", "NAVER"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, call.TokenEndpoint);
        call.Authenticate(request, form);
        request.Content = new FormUrlEncodedContent(form);
        var response = await call.SendAsync(request, "legacy delete", ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"legacy delete: HTTP {response.Status}");
        if (response.Status != 200 || response.TryJson() is not { } json || Json.Text(json, "result") != "success") throw ProviderCall.Refused("legacy delete", response);
    }
}

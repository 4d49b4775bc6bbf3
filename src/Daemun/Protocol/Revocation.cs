using System.Net.Http.Headers;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>Removes an account link at the provider: RFC 7009 revocation (Naver §3, OIDC), Naver's legacy <c>grant_type=delete</c>,
/// or Kakao's Bearer <c>/v1/user/unlink</c>. Throws <see cref="DaemunException"/> (<see cref="ErrorCode.ProviderUnavailable"/> or
/// <see cref="ErrorCode.TokenRequestFailed"/>) when the provider did not confirm.</summary>
internal sealed class Revocation(ProviderHttp http, ClientSecrets secrets)
{
    /// <summary>RFC 7009: 200 means revoked (also for a token that was already dead).</summary>
    public async Task RevokeAsync(ProviderOptions p, string endpoint, string token, string tokenTypeHint, CancellationToken ct, ClientAuthentication? method = null)
    {
        var form = new List<KeyValuePair<string, string>> { new("token", token), new("token_type_hint", tokenTypeHint) };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        TokenClient.Authenticate(p, secrets.For(p), method ?? p.ClientAuthentication, request, form);
        request.Content = new FormUrlEncodedContent(form);
        var response = await http.SendAsync(request, "revoke", ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"revoke: HTTP {response.Status}");
        if (response.Status != 200) throw Refused("revoke", response);
    }

    /// <summary>Naver's legacy unlink at the token endpoint: <c>{"result":"success"}</c> (also for an unknown token), errors with HTTP 200.</summary>
    public async Task LegacyDeleteAsync(ProviderOptions p, string tokenEndpoint, string accessToken, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "delete"), new("access_token", accessToken), new("service_provider", "NAVER"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
        TokenClient.Authenticate(p, secrets.For(p), p.ClientAuthentication, request, form);
        request.Content = new FormUrlEncodedContent(form);
        var response = await http.SendAsync(request, "legacy delete", ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"legacy delete: HTTP {response.Status}");
        if (response.Status != 200 || response.TryJson() is not { } json || Json.Text(json, "result") != "success") throw Refused("legacy delete", response);
    }

    /// <summary>Kakao: <c>POST /v1/user/unlink</c> (or <c>/v1/user/logout</c>, <paramref name="what"/>) with the access token answers <c>{"id":…}</c>.</summary>
    public async Task BearerPostAsync(string endpoint, string accessToken, CancellationToken ct, string what = "unlink")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Content = new FormUrlEncodedContent([]);
        var response = await http.SendAsync(request, what, ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"{what}: HTTP {response.Status}");
        if (response.Status != 200 || response.TryJson() is not { ValueKind: JsonValueKind.Object } json || Json.Text(json, "id") is null) throw Refused(what, response);
    }

    private static DaemunException Refused(string what, ProviderResponse response)
    {
        var json = response.TryJson();
        var error = json is { ValueKind: JsonValueKind.Object } j ? Json.Text(j, "error") ?? Json.Text(j, "code") : null;
        return new DaemunException(ErrorCode.TokenRequestFailed, $"{what}: HTTP {response.Status}{(error is null ? "" : $", error={ProviderErrors.Safe(error)}")}")
        {
            ProviderError = error is null ? null : ProviderErrors.Safe(error),
        };
    }
}

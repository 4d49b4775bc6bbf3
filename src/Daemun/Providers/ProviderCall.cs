using System.Net.Http.Headers;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Protocol;
using Microsoft.Extensions.Logging;

namespace Daemun.Providers;

/// <summary>What a provider's hook (<see cref="UnlinkRequest"/>, <see cref="LogoutRequest"/>) may do at the provider on behalf of one person:
/// send a request, authenticate as the client, revoke the access token (RFC 7009) or POST it as Bearer. A provider that does not confirm
/// throws <see cref="DaemunException"/>: <see cref="ErrorCode.ProviderUnavailable"/> for an outage (HTTP 5xx, no answer),
/// <see cref="ErrorCode.TokenRequestFailed"/> with <see cref="DaemunException.ProviderError"/> for a refusal.</summary>
public sealed class ProviderCall
{
    private readonly ProviderHttp _http;
    private readonly ClientAuthentication _authentication;
    private readonly string? _clientSecret;
    private readonly ILogger _logger;

    internal ProviderCall(ProviderHttp http, ProviderOptions provider, string? clientSecret, string accessToken, ResolvedEndpoints? endpoints, ILogger logger)
    {
        _http = http;
        _clientSecret = clientSecret;
        _logger = logger;
        Provider = provider;
        AccessToken = accessToken;
        TokenEndpoint = endpoints?.Token ?? provider.TokenEndpoint;
        RevocationEndpoint = endpoints?.Revocation ?? provider.RevocationEndpoint;
        _authentication = endpoints?.TokenAuthentication ?? provider.ClientAuthentication;
    }

    /// <summary>The provider's validated declaration.</summary>
    public ProviderOptions Provider { get; }

    /// <summary>The person's live access token at the provider. Never logged.</summary>
    public string AccessToken { get; }

    /// <summary>The token endpoint (from discovery for OIDC declarations without one).</summary>
    public string? TokenEndpoint { get; }

    /// <summary>The RFC 7009 revocation endpoint (from discovery for OIDC declarations without one), when there is one.</summary>
    public string? RevocationEndpoint { get; }

    /// <summary>Sends a request to the provider (size limit, time limit, address rules); <paramref name="what"/> names the step in errors.</summary>
    public Task<ProviderResponse> SendAsync(HttpRequestMessage request, string what, CancellationToken ct) => _http.SendAsync(request, what, ct);

    /// <summary>Adds the client's credentials to a request to the token or revocation endpoint, as the token request sends them.</summary>
    public void Authenticate(HttpRequestMessage request, List<KeyValuePair<string, string>> form) => TokenClient.Authenticate(Provider, _clientSecret, _authentication, request, form);

    /// <summary>RFC 7009: revokes <see cref="AccessToken"/> at <see cref="RevocationEndpoint"/> with the client's credentials; HTTP 200 means
    /// revoked (also for a token that was already dead).</summary>
    public async Task RevokeAsync(CancellationToken ct)
    {
        var endpoint = RevocationEndpoint ?? throw new InvalidOperationException($"{Provider.Id} has no revocation endpoint.");
        var form = new List<KeyValuePair<string, string>> { new("token", AccessToken), new("token_type_hint", "access_token") };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        Authenticate(request, form);
        request.Content = new FormUrlEncodedContent(form);
        var response = await SendAsync(request, "revoke", ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"revoke: HTTP {response.Status}");
        if (response.Status != 200) throw Refused("revoke", response);
    }

    /// <summary>POSTs an empty form to <paramref name="endpoint"/> with <see cref="AccessToken"/> as Bearer; HTTP 200 whose answer
    /// <paramref name="confirms"/> accepts means done.</summary>
    public async Task BearerPostAsync(string endpoint, string what, Func<JsonElement?, bool> confirms, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        request.Content = new FormUrlEncodedContent([]);
        var response = await SendAsync(request, what, ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"{what}: HTTP {response.Status}");
        if (response.Status != 200 || !confirms(response.TryJson())) throw Refused(what, response);
    }

    /// <summary>Logs that an unlink step failed and what the hook tries instead (the failure's code and detail only: never a token).</summary>
    public void LogRetry(DaemunException failure, string retry) =>
        Log.UnlinkFailed(_logger, Provider.Id, "-", failure.Code.ToString(), $"{failure.Message}; {retry}");

    /// <summary>The refusal of <paramref name="what"/>: <see cref="ErrorCode.TokenRequestFailed"/> with the answer's <c>error</c> (or
    /// <c>code</c>) reduced to a loggable code as <see cref="DaemunException.ProviderError"/>.</summary>
    public static DaemunException Refused(string what, ProviderResponse response)
    {
        var json = response.TryJson();
        var error = json is { ValueKind: JsonValueKind.Object } j ? Json.Text(j, "error") ?? Json.Text(j, "code") : null;
        return new DaemunException(ErrorCode.TokenRequestFailed, $"{what}: HTTP {response.Status}{(error is null ? "" : $", error={ProviderErrors.Safe(error)}")}")
        {
            ProviderError = error is null ? null : ProviderErrors.Safe(error),
        };
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>Exchanges an authorization code (or a refresh token) at the token endpoint and reads the answer as the provider's
/// <see cref="ProviderOptions.TokenResponse"/> conforms it.</summary>
internal sealed class TokenClient(ProviderHttp http, ClientSecrets secrets, TimeProvider time)
{
    /// <summary>grant_type=authorization_code, sent as the declaration's <see cref="ProviderOptions.TokenRequest"/> says; <paramref name="forwarded"/>
    /// are the callback's parameters it names (<see cref="TokenRequest.CallbackParameters"/>), already checked.</summary>
    public async Task<TokenSet> ExchangeCodeAsync(ProviderOptions p, ResolvedEndpoints endpoints, string code, SignInState state,
        IReadOnlyList<KeyValuePair<string, string>> forwarded, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", state.RedirectUri),
        };
        if (state.CodeVerifier is { } verifier) form.Add(new("code_verifier", verifier));
        form.AddRange(p.TokenResponse.CodeExchangeParameters(state.State));
        form.AddRange(forwarded);
        return await SendAsync(p, endpoints, form, "token", ct);
    }

    /// <summary>grant_type=refresh_token. The answer is read like a code exchange's; a refusal throws <see cref="ErrorCode.TokenRequestFailed"/>
    /// with <see cref="DaemunException.ProviderError"/> set.</summary>
    public Task<TokenSet> RefreshAsync(ProviderOptions p, ResolvedEndpoints endpoints, string refreshToken, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
        };
        return SendAsync(p, endpoints, form, "refresh", ct);
    }

    /// <summary>The client's credentials added, the request written as declared (form POST, JSON POST or GET), sent and read. The URL of a GET
    /// carries the secret when the client authenticates in the request: it is never logged (<see cref="ProviderHttp"/> logs no URL).</summary>
    private async Task<TokenSet> SendAsync(ProviderOptions p, ResolvedEndpoints endpoints, List<KeyValuePair<string, string>> form, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(p.TokenRequest.Method, endpoints.Token);
        Authenticate(p, secrets.For(p), endpoints.TokenAuthentication, request, form);
        p.TokenRequest.Complete(request, form, p);

        var response = await http.SendAsync(request, what, ct);
        return Read(p, response);
    }

    /// <summary>Adds the client's credentials (named as <see cref="TokenRequest"/> declares); <paramref name="secret"/> is <see cref="ClientSecrets.For"/>'s (the configured or made secret).</summary>
    internal static void Authenticate(ProviderOptions p, string? secret, ClientAuthentication method, HttpRequestMessage request, List<KeyValuePair<string, string>> form)
    {
        if (method == ClientAuthentication.ClientSecretBasic && secret is not null)
        {
            var pair = $"{Uri.EscapeDataString(p.ClientId!)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
            return;
        }
        form.Add(new(p.TokenRequest.ClientIdParameter, p.ClientId!));
        if (method == ClientAuthentication.ClientSecretPost && !string.IsNullOrEmpty(secret))
        {
            form.Add(new(p.TokenRequest.ClientSecretParameter, secret));
        }
    }

    /// <summary>Reads the answer top to bottom as the provider's <see cref="TokenResponse"/> conforms it: a server error, a body that is not
    /// JSON, the provider's error (a refusal or a malformed answer), a status other than the declared success status, the object holding
    /// the token members, the access token under its declared name, the token type.</summary>
    private TokenSet Read(ProviderOptions p, ProviderResponse response)
    {
        var conform = p.TokenResponse;
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"token: HTTP {response.Status}");
        if (response.TryJson() is not { ValueKind: JsonValueKind.Object } json)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"token: HTTP {response.Status}, body is not a JSON object ({response.MediaType ?? "no content type"})");
        }
        if (conform.Error(json) is { } error)
        {
            var refused = conform.IsRefusal(response.Status);
            throw new DaemunException(refused ? ErrorCode.TokenRequestFailed : ErrorCode.InvalidProviderResponse,
                $"token: HTTP {response.Status}, error={ProviderErrors.Safe(error)}{ProviderErrors.SafeSuffix(json, "error_code")}")
            {
                ProviderError = ProviderErrors.Safe(error),
            };
        }
        if (response.Status != conform.SuccessStatus) throw new DaemunException(ErrorCode.TokenRequestFailed, $"token: HTTP {response.Status}");
        if (conform.Members(json) is not { } members)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "token: the answer has no token object where the provider declares it");
        }
        if (Json.Text(members, conform.AccessTokenMember) is not { } accessToken)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"token: the answer has no {conform.AccessTokenMember}");
        }
        var tokenType = Json.Text(members, "token_type");
        if (tokenType is not null && !tokenType.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"token: unsupported token_type {ProviderErrors.Safe(tokenType)}");
        }
        return new TokenSet(accessToken, Json.Text(members, "refresh_token"), Json.Text(members, "id_token"), tokenType, Json.Text(members, "scope"),
            ExpiresAt(p, members), members);
    }

    private DateTimeOffset? ExpiresAt(ProviderOptions p, JsonElement json)
    {
        if (!json.TryGetProperty("expires_in", out var e)) return null;
        var seconds = p.TokenResponse.ExpiresIn(e);
        return seconds is > 0 and < 10L * 365 * 24 * 3600 ? time.GetUtcNow().AddSeconds(seconds.Value) : null;
    }
}

using System.Net.Http.Headers;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>Reads the person's profile from the provider and maps it to a <see cref="NormalizedProfile"/>.</summary>
internal sealed class ProfileClient(ProviderHttp http)
{
    /// <summary>Fetches the profile. For OIDC, <paramref name="idTokenClaims"/> (already validated) stand in when there is no userinfo endpoint,
    /// and the userinfo's <see cref="ProviderOptions.UserInfoSubject"/> (<c>sub</c>; or the declaration's own id member) must equal the id_token's <c>sub</c>.
    /// <paramref name="sign"/> signs the profile request when the provider wants more than its Bearer header (OAuth 1.0a);
    /// <paramref name="responseFields"/> are the authorization response's fields the declaration adds to the profile.</summary>
    public async Task<NormalizedProfile> FetchAsync(ProviderOptions p, ResolvedEndpoints endpoints, TokenSet tokens, JsonElement? idTokenClaims, CancellationToken ct,
        Func<HttpRequestMessage, CancellationToken, Task>? sign = null, IReadOnlyDictionary<string, string>? responseFields = null)
    {
        JsonElement profile;
        string raw;
        if (endpoints.UserInfo is { } userInfo)
        {
            (profile, raw) = await GetUserInfoAsync(p, userInfo, tokens, sign, ct);
            if (idTokenClaims is { } claims && !string.Equals(Json.Path(profile, p.UserInfoSubject), Json.Text(claims, "sub"), StringComparison.Ordinal))
            {
                throw new DaemunException(ErrorCode.InvalidProviderResponse, $"profile: userinfo {p.UserInfoSubject} differs from the id_token's sub");
            }
        }
        else if (idTokenClaims is { } claims)
        {
            (profile, raw) = (claims, claims.GetRawText());
        }
        else
        {
            throw new DaemunException(ErrorCode.Configuration, "profile: no userinfo endpoint and no id_token");
        }

        if (responseFields is { Count: > 0 } && p.AuthorizationResponseProfile is { } reader) // Apple's user, first sign-in only
        {
            profile = reader.Combine(profile, responseFields);
            raw = profile.GetRawText();
        }
        var fields = p.MapProfile(profile);
        if (string.IsNullOrEmpty(fields.Id)) throw new DaemunException(ErrorCode.InvalidProviderResponse, "profile: the provider's answer has no account id");
        if (fields.Id.Length > 255 || fields.Id.Any(char.IsControl)) throw new DaemunException(ErrorCode.InvalidProviderResponse, "profile: the account id is not a plain identifier");
        if (!fields.EmailVerified && p.EmailFallback is { } fallback)
        {
            var (email, verified) = await FallbackEmailAsync(fallback, tokens.AccessToken, ct);
            if (email is not null) fields = fields with { Email = email, EmailVerified = verified };
        }
        return new NormalizedProfile(fields.Id, Clip(fields.Name, 200), Clip(fields.Email, 320), fields.EmailVerified && fields.Email is not null, Clip(fields.Image, 2048), raw);
    }

    private async Task<(JsonElement Profile, string Raw)> GetUserInfoAsync(ProviderOptions p, string url, TokenSet tokens,
        Func<HttpRequestMessage, CancellationToken, Task>? sign, CancellationToken ct)
    {
        using var request = p.Profile.Create(url, tokens.AccessToken, p);
        if (sign is not null) await sign(request, ct);
        var response = await http.SendAsync(request, "profile", ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"profile: HTTP {response.Status}");
        var json = response.TryJson();
        if (response.Status != 200)
        {
            throw new DaemunException(ErrorCode.ProfileRequestFailed, $"profile: HTTP {response.Status}{Codes(json)}");
        }
        if (json is not { ValueKind: JsonValueKind.Object or JsonValueKind.Array } answer)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"profile: body is not a JSON object ({response.MediaType ?? "no content type"})");
        }
        if (p.Profile.Failure(answer) is not null)
        {
            throw new DaemunException(ErrorCode.ProfileRequestFailed, $"profile: HTTP 200{Codes(json)}");
        }
        if (p.Profile.Profile(answer) is not { ValueKind: JsonValueKind.Object } profile)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "profile: the answer holds no profile object");
        }
        if (tokens.Response is { } tokenResponse) profile = p.Profile.Combine(profile, tokenResponse);
        return (profile, p.Profile.Stored(answer, response.Body));
    }

    private async Task<(string? Email, bool Verified)> FallbackEmailAsync(EmailFallback fallback, string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, fallback.Endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            var response = await http.SendAsync(request, "profile emails", ct);
            return response.Status == 200 && response.TryJson() is { } json ? fallback.Select(json) : (null, false);
        }
        catch (DaemunException)
        {
            return (null, false); // the email is optional: a failing secondary endpoint leaves the profile without one
        }
    }

    /// <summary>The provider's result or error codes (Naver <c>resultcode</c>, Kakao <c>code</c>, OAuth <c>error</c>), safe to log.</summary>
    private static string Codes(JsonElement? json) => json is { ValueKind: JsonValueKind.Object } j
        ? ProviderErrors.SafeSuffix(j, "resultcode") + ProviderErrors.SafeSuffix(j, "code") + ProviderErrors.SafeSuffix(j, "error")
        : "";

    /// <summary>Profile text as stored: control characters (NUL among them, which PostgreSQL refuses in text) removed, length bounded.</summary>
    private static string? Clip(string? value, int max)
    {
        if (value is null) return null;
        if (value.Any(char.IsControl)) value = new string(value.Where(c => !char.IsControl(c)).ToArray());
        if (value.Length == 0) return null;
        return value.Length <= max ? value : value[..max];
    }
}

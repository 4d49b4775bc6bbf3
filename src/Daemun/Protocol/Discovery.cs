using System.Collections.Concurrent;
using Daemun.Errors;
using Daemun.Providers;

namespace Daemun.Protocol;

/// <summary>A provider's endpoints after discovery: explicit settings win over the discovery document.</summary>
internal sealed record ResolvedEndpoints(string Authorization, string Token, string? UserInfo, string? Jwks, string? Issuer, string? Revocation = null);

/// <summary>Reads and caches OIDC discovery documents (<c>{issuer}/.well-known/openid-configuration</c>) for an hour.</summary>
internal sealed class Discovery(ProviderHttp http, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, (ResolvedEndpoints Endpoints, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<ResolvedEndpoints> ResolveAsync(ProviderOptions p, CancellationToken ct)
    {
        if (p.Kind != ProviderKind.Oidc || (p.AuthorizationEndpoint is not null && p.TokenEndpoint is not null && p.JwksUri is not null))
        {
            return new(p.AuthorizationEndpoint!, p.TokenEndpoint!, p.UserInfoEndpoint, p.JwksUri, p.Issuer, p.RevocationEndpoint);
        }
        var issuer = p.Issuer!;
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(issuer, out var cached) || cached.Until <= now)
        {
            cached = (await FetchAsync(issuer, ct), now + Lifetime);
            _cache[issuer] = cached;
        }
        var d = cached.Endpoints;
        return new(p.AuthorizationEndpoint ?? d.Authorization, p.TokenEndpoint ?? d.Token, p.UserInfoEndpoint ?? d.UserInfo, p.JwksUri ?? d.Jwks, issuer,
            p.RevocationEndpoint ?? d.Revocation);
    }

    private async Task<ResolvedEndpoints> FetchAsync(string issuer, CancellationToken ct)
    {
        var url = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var response = await http.SendAsync(request, "discovery", ct);
        if (response.Status >= 500) throw new DaemunException(ErrorCode.ProviderUnavailable, $"discovery: HTTP {response.Status}");
        var json = response.TryJson();
        if (response.Status != 200 || json is not { } doc)
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, $"discovery: HTTP {response.Status}, not a discovery document");
        }
        if (!string.Equals(Json.Text(doc, "issuer"), issuer, StringComparison.Ordinal))
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "discovery: the document's issuer differs from the configured issuer");
        }
        var authorization = Json.Text(doc, "authorization_endpoint");
        var token = Json.Text(doc, "token_endpoint");
        var jwks = Json.Text(doc, "jwks_uri");
        if (!IsHttpUrl(authorization) || !IsHttpUrl(token) || !IsHttpUrl(jwks))
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "discovery: authorization_endpoint, token_endpoint or jwks_uri is missing or not a URL");
        }
        var userInfo = Json.Text(doc, "userinfo_endpoint");
        var revocation = Json.Text(doc, "revocation_endpoint");
        return new(authorization!, token!, IsHttpUrl(userInfo) ? userInfo : null, jwks, issuer, IsHttpUrl(revocation) ? revocation : null);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && u.IsLoopback));
}

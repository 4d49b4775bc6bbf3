using System.Collections.Concurrent;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Providers;
using Microsoft.Extensions.Logging;

namespace Daemun.Protocol;

/// <summary>Reads OIDC discovery documents (<c>{issuer}/.well-known/openid-configuration</c>) through <see cref="ProviderMetadata"/>.
/// Endpoints a document names must be https and public (loopback too when the configured issuer is on loopback): IP literals are
/// checked here, host names when connecting (<see cref="DiscoveredEndpointConnector"/>).</summary>
internal sealed class Discovery(ProviderMetadata metadata, ProviderHttp http, ILogger<Discovery> logger)
{
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    public async Task<ResolvedEndpoints> ResolveAsync(ProviderOptions p, CancellationToken ct)
    {
        if (p.Kind != ProviderKind.Oidc || (p.AuthorizationEndpoint is not null && p.TokenEndpoint is not null && p.JwksUri is not null))
        {
            return new(p.AuthorizationEndpoint!, p.TokenEndpoint!, p.UserInfoEndpoint, p.JwksUri, p.Issuer, p.RevocationEndpoint)
            {
                Keys = p.JwksUri is { } jwks ? new MetadataSource(jwks, IsDiscovery: false, AllowLoopback: false) : null,
                TokenAuthentication = p.ClientAuthentication,
            };
        }
        var issuer = p.Issuer!;
        var source = new MetadataSource(issuer.TrimEnd('/') + "/.well-known/openid-configuration", IsDiscovery: true,
            AllowLoopback: Uri.TryCreate(issuer, UriKind.Absolute, out var i) && ProviderAddresses.IsLoopbackHost(i.IdnHost));
        var doc = await metadata.GetAsync(source, ct);
        if (doc.Issuer is null || !p.IssuerRule.AcceptsDiscovered(issuer, doc.Issuer)) // the declaration's rule: exactly the configured issuer unless it says otherwise
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "discovery: the document's issuer differs from the configured issuer");
        }
        var authorization = p.AuthorizationEndpoint ?? BrowserUrl(doc.AuthorizationEndpoint, source.AllowLoopback);
        var token = p.TokenEndpoint ?? Discovered(doc.TokenEndpoint, "token_endpoint", source, required: true)!;
        var userInfo = p.UserInfoEndpoint ?? Discovered(doc.UserInfoEndpoint, "userinfo_endpoint", source, required: false);
        var revocation = p.RevocationEndpoint ?? Discovered(doc.RevocationEndpoint, "revocation_endpoint", source, required: false);
        var jwksUri = p.JwksUri ?? Discovered(doc.JwksUri, "jwks_uri", source, required: true)!;
        return new(authorization, token, userInfo, jwksUri, doc.Issuer, revocation) // the document's issuer: the configured one, or what the rule allowed
        {
            Keys = new MetadataSource(jwksUri, IsDiscovery: false, source.AllowLoopback, FromDiscovery: p.JwksUri is null),
            TokenAuthentication = TokenAuthentication(p, doc.TokenEndpointAuthMethodsSupported),
            IssParameterSupported = doc.AuthorizationResponseIssParameterSupported,
        };
    }

    /// <summary>The authorization endpoint is where the browser goes, not a call from here: https (or http on loopback).</summary>
    private static string BrowserUrl(string? url, bool allowLoopback)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || !(u.Scheme == Uri.UriSchemeHttps || (allowLoopback && u.Scheme == Uri.UriSchemeHttp && u.IsLoopback)))
        {
            throw new DaemunException(ErrorCode.InvalidProviderResponse, "discovery: authorization_endpoint is missing or not an https URL");
        }
        return url!;
    }

    /// <summary>A server-to-server endpoint from the document: checked against the rule, and marked so its calls are checked when connecting.</summary>
    private string? Discovered(string? url, string member, MetadataSource source, bool required)
    {
        if (string.IsNullOrEmpty(url))
        {
            return required ? throw new DaemunException(ErrorCode.InvalidProviderResponse, $"discovery: {member} is missing") : null;
        }
        ProviderAddresses.RequireDiscoveredUrl(url, member, source.AllowLoopback);
        http.MarkDiscovered(url, source.DiscoveredRule);
        return url;
    }

    /// <summary>A generic OIDC provider without a configured method takes it from <c>token_endpoint_auth_methods_supported</c>:
    /// client_secret_basic when listed, else client_secret_post when listed, and client_secret_basic when the list is absent (OIDC
    /// Discovery §3's default). A configured method is kept; a warning once when the document does not list it.</summary>
    private ClientAuthentication TokenAuthentication(ProviderOptions p, ICollection<string> supported)
    {
        if (p.ClientAuthenticationFromDiscovery)
        {
            if (supported.Count == 0 || supported.Contains(Basic)) return ClientAuthentication.ClientSecretBasic;
            return supported.Contains(Post) ? ClientAuthentication.ClientSecretPost : ClientAuthentication.ClientSecretBasic;
        }
        var name = p.ClientAuthentication switch
        {
            ClientAuthentication.ClientSecretBasic => Basic,
            ClientAuthentication.ClientSecretPost => Post,
            _ => "none",
        };
        if (supported.Count > 0 && !supported.Contains(name) && _warned.TryAdd(p.Id, true))
        {
            Log.ClientAuthenticationNotAdvertised(logger, p.Id, name);
        }
        return p.ClientAuthentication;
    }

    private const string Basic = "client_secret_basic";
    private const string Post = "client_secret_post";
}

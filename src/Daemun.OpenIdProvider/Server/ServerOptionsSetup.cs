using Daemun.OpenIdProvider.Principals;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.OpenIdProvider.Server;

/// <summary>OpenIddict's server options from <see cref="OpenIdProviderOptions"/>: issuer, token lifetimes, the scopes and claims this server
/// offers; PKCE only with S256; codes answered by query or form_post only.</summary>
internal sealed class ServerOptionsSetup(IOptions<OpenIdProviderOptions> provider, IOptions<DaemunOptions> daemun) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var o = provider.Value;
        var issuer = o.Issuer ?? daemun.Value.BaseUrl;
        if (issuer is { Length: > 0 })
        {
            if (!Uri.TryCreate(issuer.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                throw new Daemun.Providers.DaemunConfigurationException("Daemun:OpenIdProvider:Issuer", "must be an absolute URL without query or fragment.");
            }
            options.Issuer = uri;
        }
        options.AccessTokenLifetime = o.AccessTokenLifetime;
        options.IdentityTokenLifetime = o.IdentityTokenLifetime;
        options.AuthorizationCodeLifetime = o.AuthorizationCodeLifetime;
        options.RefreshTokenLifetime = o.RefreshTokenLifetime;
        // reuse of a rotated refresh token is an attack signal from the first second: no grace period
        options.RefreshTokenReuseLeeway = TimeSpan.Zero;
        options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
        options.ResponseModes.Remove(ResponseModes.Fragment);
        options.Scopes.UnionWith(KnownScopes(o));
        options.Claims.UnionWith([Claims.Subject, Claims.Name, Claims.Picture, Claims.Email, Claims.EmailVerified, Claims.AuthenticationTime,
            OidcScopes.ProvidersClaim, OidcScopes.IdentityProviderClaim]);
        options.SubjectTypes.Add(SubjectTypes.Pairwise);
    }

    /// <summary>Every scope a client may be given: the identity scopes, Daemun's API scopes and the configured ones.</summary>
    public static HashSet<string> KnownScopes(OpenIdProviderOptions options)
    {
        var scopes = new HashSet<string>(OidcScopes.Identity, StringComparer.Ordinal) { OidcScopes.ManageRead, OidcScopes.Manage };
        scopes.UnionWith(options.ApiScopes.Keys);
        return scopes;
    }
}

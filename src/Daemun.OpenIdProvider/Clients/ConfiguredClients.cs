using System.Net;
using System.Text.Json;
using Daemun.OpenIdProvider.Principals;
using Daemun.OpenIdProvider.Logging;
using Daemun.Providers;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Daemun.OpenIdProvider.Clients;

/// <summary>The apps of <c>Daemun:OpenIdProvider:Clients</c>: validated at start-up (a mistake stops the server naming the key) and written
/// to the store, where they are marked read-only; a configuration client that was removed from the file is removed from the store.</summary>
internal sealed class ConfiguredClients(IOpenIddictApplicationManager applications, ILogger<ConfiguredClients> logger)
{
    /// <summary>Makes the store's configuration clients exactly those of <paramref name="options"/>. Instances starting together race on
    /// the same rows: a write that lost (another instance changed the row first) is run again on what that instance wrote.</summary>
    public async Task SynchronizeAsync(OpenIdProviderOptions options, IReadOnlySet<string> knownScopes, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(options, knownScopes, ct);
                return;
            }
            catch (OpenIddictExceptions.ConcurrencyException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
            }
        }
    }

    private async Task WriteAsync(OpenIdProviderOptions options, IReadOnlySet<string> knownScopes, CancellationToken ct)
    {
        foreach (var (clientId, client) in options.Clients)
        {
            var descriptor = Describe(clientId, client, knownScopes);
            var existing = await applications.FindByClientIdAsync(clientId, ct);
            if (existing is null)
            {
                try
                {
                    await applications.CreateAsync(descriptor, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // another instance starting at the same moment created it: make it ours (or, if it is not there, this was another failure)
                    var raced = await applications.FindByClientIdAsync(clientId, ct);
                    if (raced is null) throw;
                    await UpdateAsync(raced, descriptor, ct);
                }
            }
            else
            {
                await UpdateAsync(existing, descriptor, ct);
            }
        }
        var stale = new List<object>();
        await foreach (var application in applications.ListAsync(null, null, ct))
        {
            var properties = await applications.GetPropertiesAsync(application, ct);
            var fromConfiguration = properties.TryGetValue(ClientProperties.Source, out var source) && source.ValueKind == JsonValueKind.String
                && source.GetString() == ClientProperties.FromConfiguration;
            if (fromConfiguration && !options.Clients.ContainsKey(await applications.GetClientIdAsync(application, ct) ?? "")) stale.Add(application);
        }
        foreach (var application in stale)
        {
            OidcLog.ClientRemoved(logger, await applications.GetClientIdAsync(application, ct) ?? "");
            await applications.DeleteAsync(application, ct);
        }
        OidcLog.ClientsSynchronized(logger, options.Clients.Count);
    }

    private async Task UpdateAsync(object application, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, application, ct);
        // the secret is kept as a hash: hash it again only when the configured one no longer matches
        if (descriptor.ClientSecret is { } secret && current.ClientSecret is not null && await applications.ValidateClientSecretAsync(application, secret, ct))
        {
            descriptor.ClientSecret = current.ClientSecret; // the stored hash, as it is
            await applications.PopulateAsync(application, descriptor, ct);
            await applications.UpdateAsync(application, ct);
            return;
        }
        await applications.UpdateAsync(application, descriptor, ct);
    }

    /// <summary>The OpenIddict application for one configured client; throws <see cref="DaemunConfigurationException"/> naming the key.</summary>
    public static OpenIddictApplicationDescriptor Describe(string clientId, OpenIdClientOptions client, IReadOnlySet<string> knownScopes)
    {
        var key = $"Daemun:OpenIdProvider:Clients:{clientId}";
        var type = client.Type?.Trim().ToLowerInvariant();
        if (type is not ("web" or "spa" or "native" or "machine")) throw new DaemunConfigurationException($"{key}:Type", "must be web, spa, native or machine.");
        var confidential = type is "web" or "machine";
        if (confidential && string.IsNullOrEmpty(client.ClientSecret))
        {
            throw new DaemunConfigurationException($"{key}:ClientSecret", $"is required for a {type} client (a confidential client authenticates with it).");
        }
        if (!confidential && !string.IsNullOrEmpty(client.ClientSecret))
        {
            throw new DaemunConfigurationException($"{key}:ClientSecret", $"must be empty for a {type} client: a public client cannot keep a secret (it uses PKCE).");
        }
        if (confidential && client.ClientSecret!.Length < 16)
        {
            throw new DaemunConfigurationException($"{key}:ClientSecret", "must be at least 16 characters (a random string; 32 or more recommended).");
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = confidential ? client.ClientSecret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ApplicationType = type == "native" ? ApplicationTypes.Native : ApplicationTypes.Web,
            ConsentType = client.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
            DisplayName = string.IsNullOrWhiteSpace(client.DisplayName) ? clientId : client.DisplayName.Trim(),
        };
        descriptor.Properties[ClientProperties.Source] = JsonSerializer.SerializeToElement(ClientProperties.FromConfiguration);
        descriptor.Properties[ClientProperties.Type] = JsonSerializer.SerializeToElement(type);
        descriptor.Properties[ClientProperties.FirstParty] = JsonSerializer.SerializeToElement(client.FirstParty);
        if (!string.IsNullOrWhiteSpace(client.LogoUri))
        {
            if (!IsSafeLink(client.LogoUri)) throw new DaemunConfigurationException($"{key}:LogoUri", "must be an absolute https URL (http only on loopback).");
            descriptor.Properties[ClientProperties.LogoUri] = JsonSerializer.SerializeToElement(client.LogoUri);
        }

        foreach (var scope in client.Scopes)
        {
            if (!knownScopes.Contains(scope))
            {
                throw new DaemunConfigurationException($"{key}:Scopes", $"names '{scope}', which is not a scope of this server (openid, profile, email, offline_access, providers, daemun:read, daemun:manage, or Daemun:OpenIdProvider:ApiScopes).");
            }
            if (scope != Scopes.OpenId) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        if (type == "machine")
        {
            if (client.RedirectUris.Count > 0) throw new DaemunConfigurationException($"{key}:RedirectUris", "must be empty for a machine client (it signs nobody in).");
            var identity = client.Scopes.Where(s => OidcScopes.Identity.Contains(s)).ToList();
            if (identity.Count > 0) throw new DaemunConfigurationException($"{key}:Scopes", $"of a machine client may only name API scopes, not {string.Join(", ", identity)}.");
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection,
                Permissions.GrantTypes.ClientCredentials]);
            return descriptor;
        }

        if (client.RedirectUris.Count == 0) throw new DaemunConfigurationException($"{key}:RedirectUris", "needs at least one address (exact match) where the app receives the code.");
        if (!client.Scopes.Contains(Scopes.OpenId)) throw new DaemunConfigurationException($"{key}:Scopes", "must include openid for a client that signs people in.");
        foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(RedirectUri($"{key}:RedirectUris", uri, type));
        foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(RedirectUri($"{key}:PostLogoutRedirectUris", uri, type));
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code]);
        if (confidential) descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        if (client.Scopes.Contains(Scopes.OfflineAccess)) descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
        // PKCE (S256 only, see ServerOptionsSetup) is required of every public client; a confidential client may use it too
        if (!confidential) descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        if (string.Equals(client.SubjectType, "pairwise", StringComparison.OrdinalIgnoreCase))
        {
            var sector = client.SectorIdentifier?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(sector))
            {
                var hosts = descriptor.RedirectUris.Select(u => u.Host.ToLowerInvariant()).Distinct().ToList();
                if (hosts.Count != 1) throw new DaemunConfigurationException($"{key}:SectorIdentifier", "is required for a pairwise client whose redirect URIs have different hosts.");
                sector = hosts[0];
            }
            descriptor.Properties[ClientProperties.PairwiseSector] = JsonSerializer.SerializeToElement(sector);
        }
        else if (client.SubjectType is { Length: > 0 } subjectType && !subjectType.Equals("public", StringComparison.OrdinalIgnoreCase))
        {
            throw new DaemunConfigurationException($"{key}:SubjectType", "must be public or pairwise.");
        }
        return descriptor;
    }

    /// <summary>An absolute URI without fragment or wildcard; https, or http only on loopback; a native app may also use its own scheme
    /// (<c>com.example.app:/callback</c>, RFC 8252).</summary>
    private static Uri RedirectUri(string key, string value, string type)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0 || value.Contains('*', StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal))
        {
            throw new DaemunConfigurationException(key, $"has '{value}', which is not an absolute URI without fragment or wildcard (it is compared exactly).");
        }
        var allowed = uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))
            || (type == "native" && uri.Scheme.Contains('.', StringComparison.Ordinal));
        if (!allowed)
        {
            throw new DaemunConfigurationException(key, $"has '{value}': use https (http only on loopback{(type == "native" ? ", or a private-use scheme such as com.example.app:/callback" : "")}).");
        }
        return uri;
    }

    private static bool IsSafeLink(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    /// <summary>localhost, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}

using System.Text.RegularExpressions;
using Daemun.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Daemun.Providers;

/// <summary>Start-up stops with this when configuration is wrong; the message names the exact key.</summary>
public sealed class DaemunConfigurationException(string key, string problem)
    : Exception($"Daemun configuration error: {key} {problem}")
{
    /// <summary>The configuration key at fault, e.g. <c>Daemun:Providers:naver:ClientSecret</c>.</summary>
    public string Key { get; } = key;
}

/// <summary>A provider registered in code: its defaults and the app's overrides.</summary>
internal sealed record ProviderRegistration(string Id, Func<ProviderOptions> Defaults, Action<ProviderOptions>? Configure);

/// <summary>The configured providers, validated once at start-up.</summary>
public sealed partial class ProviderRegistry
{
    private readonly Dictionary<string, ProviderOptions> _byId;

    /// <summary>Providers in display order.</summary>
    public IReadOnlyList<ProviderOptions> All { get; }

    internal ProviderRegistry(IEnumerable<ProviderRegistration> registrations, IConfiguration? configuration, IEnumerable<Action<ProviderOptions>> postConfigure,
        ILogger? logger = null)
    {
        var section = configuration?.GetSection("Daemun:Providers");
        var code = registrations.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var ids = code.Keys.Concat(section?.GetChildren().Select(c => c.Key) ?? []).Distinct(StringComparer.Ordinal).ToList();
        var list = new List<ProviderOptions>();
        foreach (var id in ids)
        {
            var key = $"Daemun:Providers:{id}";
            var config = section?.GetSection(id);
            if (config is not null && config.Exists() && ProviderConfiguration.ReadBool(config, "Enabled", key) == false) continue;
            var options = Defaults(id, code.GetValueOrDefault(id), config, key);
            if (config?["Mode"] is { } mode) options = SelectMode(options, mode, $"{key}:Mode");
            options.Id = id;
            if (config is not null && config.Exists()) ProviderConfiguration.Apply(options, config, key);
            code.GetValueOrDefault(id)?.Configure?.Invoke(options);
            foreach (var p in postConfigure) p(options);
            Validate(options, key);
            if (options.AllowEmailLinking && options.NeverVerifiesEmails && !options.TrustEmails && logger is not null)
            {
                Log.EmailLinkingNeverApplies(logger, options.Id, $"{key}:TrustEmails");
            }
            list.Add(options);
        }
        All = list.OrderBy(p => p.Order).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        _byId = list.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>Finds a provider by its URL id (exact, case-sensitive).</summary>
    public ProviderOptions? Find(string? id) => id is not null && _byId.TryGetValue(id, out var p) ? p : null;

    /// <summary>The first provider (in display order) whose own app this browser is, by its User-Agent (<see cref="ProviderOptions.AutoLogin"/>).</summary>
    public ProviderOptions? FindAutoLogin(string userAgent) =>
        userAgent.Length == 0 ? null : All.FirstOrDefault(p => p.AutoLogin is { } a && userAgent.Contains(a.UserAgentMarker, StringComparison.Ordinal));

    private static ProviderOptions Defaults(string id, ProviderRegistration? code, IConfigurationSection? config, string key)
    {
        var type = config?["Type"];
        if (type is not null)
        {
            return ProviderCatalog.For(type)
                ?? throw new DaemunConfigurationException($"{key}:Type", $"is '{type}'; expected oidc, oauth2, oauth1 or a built-in provider's id (docs/providers/README.md lists them).");
        }
        if (code is not null) return code.Defaults();
        return ProviderCatalog.For(id)
            ?? throw new DaemunConfigurationException($"{key}:Type", $"is required for a provider that is not built in: oidc, oauth2, oauth1 or a built-in provider's id (docs/providers/README.md lists them).");
    }

    /// <summary>Replaces the declaration with the named mode's (Naver, Kakao: <c>classic</c> or <c>oidc</c>); configuration and code apply after it.</summary>
    private static ProviderOptions SelectMode(ProviderOptions defaults, string mode, string key)
    {
        if (defaults.Modes.TryGetValue(mode.Trim().ToLowerInvariant(), out var declaration)) return declaration();
        throw new DaemunConfigurationException(key, defaults.Modes.Count == 0
            ? $"is '{mode}', but this provider has no modes."
            : $"must be one of {string.Join(", ", defaults.Modes.Keys)} (got '{mode}').");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex IdPattern();

    private static void Validate(ProviderOptions p, string key)
    {
        if (!IdPattern().IsMatch(p.Id)) throw new DaemunConfigurationException(key, "has an invalid id: use 1-32 lower-case letters, digits, '-' or '_'.");
        if (string.IsNullOrWhiteSpace(p.Name)) p.Name = p.Id;
        if (string.IsNullOrWhiteSpace(p.ClientId)) throw new DaemunConfigurationException($"{key}:ClientId", "is required.");
        if (string.IsNullOrWhiteSpace(p.ClientSecret) && !p.ClientSecretOptional && p.ClientAuthentication != ClientAuthentication.None)
        {
            throw new DaemunConfigurationException($"{key}:ClientSecret", "is required.");
        }
        RequireUrl(p.Issuer, $"{key}:Issuer", p.Kind == ProviderKind.Oidc); // discovery needs it, and so does every id_token's iss check
        var fromDiscovery = p.Kind == ProviderKind.Oidc;
        var oauth1 = p.Kind == ProviderKind.OAuth1;
        if (oauth1) ValidateOAuth1(p, key);
        RequireUrl(p.AuthorizationEndpoint, $"{key}:AuthorizationEndpoint", !fromDiscovery);
        RequireUrl(p.TokenEndpoint, $"{key}:TokenEndpoint", !fromDiscovery && !oauth1);
        RequireUrl(p.UserInfoEndpoint, $"{key}:UserInfoEndpoint", !fromDiscovery);
        RequireUrl(p.JwksUri, $"{key}:JwksUri", required: false);
        RequireUrl(p.EmailFallback?.Endpoint, $"{key}:EmailFallback", required: false);
        RequireUrl(p.RevocationEndpoint, $"{key}:RevocationEndpoint", required: p.Unlink == UnlinkMethod.Revoke && !fromDiscovery);
        RequireUrl(p.UnlinkEndpoint, $"{key}:UnlinkEndpoint", required: p.Unlink == UnlinkMethod.BearerPost);
        RequireUrl(p.GrantedItems?.Endpoint, $"{key}:GrantedItemsEndpoint", required: false);
        if (p.RequiredItems.Count > 0 && p.GrantedItems is null)
        {
            throw new DaemunConfigurationException($"{key}:RequiredItems", "needs a provider that tells which items were granted (GrantedItems), such as Naver.");
        }
        RequireUrl(p.LogoutEndpoint, $"{key}:LogoutEndpoint", required: p.LogoutOnSignOut);
        RequireUrl(p.BrowserLogoutEndpoint, $"{key}:BrowserLogoutEndpoint", required: p.BrowserLogoutOnSignOut);
        if (p.RequiredScopes.Except(p.Scopes, StringComparer.Ordinal).ToList() is { Count: > 0 } missing) p.Scopes = [.. missing, .. p.Scopes];
        if (p.ScopeSeparator.Length == 0) throw new DaemunConfigurationException($"{key}:ScopeSeparator", "must not be empty.");
    }

    /// <summary>OAuth 1.0a: the temporary-credential and token endpoints, a consumer secret (the HMAC-SHA1 key), and none of what only OAuth 2.0
    /// has (a token endpoint, PKCE, nonce, revocation, a token in the query, a second email endpoint).</summary>
    private static void ValidateOAuth1(ProviderOptions p, string key)
    {
        RequireUrl(p.RequestTokenEndpoint, $"{key}:RequestTokenEndpoint", required: true);
        RequireUrl(p.AccessTokenEndpoint, $"{key}:AccessTokenEndpoint", required: true);
        if (string.IsNullOrWhiteSpace(p.ClientSecret)) throw new DaemunConfigurationException($"{key}:ClientSecret", "is required: OAuth 1.0a signs every request with it.");
        string? unsupported = p switch
        {
            { TokenEndpoint: not null } => "TokenEndpoint (OAuth 1.0a uses RequestTokenEndpoint and AccessTokenEndpoint)",
            { UsePkce: true } => "UsePkce",
            { UseNonce: true } => "UseNonce",
            { Unlink: not UnlinkMethod.None } => "Unlink",
            { Profile.TokenQueryParameter: not null } => "Profile:TokenQueryParameter",
            { EmailFallback: not null } => "EmailFallback",
            _ => null,
        };
        if (unsupported is not null) throw new DaemunConfigurationException($"{key}:{unsupported.Split(' ')[0]}", $"does not apply to an OAuth 1.0a provider ({unsupported}).");
    }

    private static void RequireUrl(string? value, string key, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) throw new DaemunConfigurationException(key, "is required.");
            return;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DaemunConfigurationException(key, $"must be an absolute https URL (got '{value}').");
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new DaemunConfigurationException(key, "must use https (plain http is allowed only for loopback addresses).");
        }
    }
}

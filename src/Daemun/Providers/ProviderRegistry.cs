using System.Text.RegularExpressions;
using Daemun.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Daemun.Providers;

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
            if (config is not null && config.Exists() && ProviderSetting.ReadBool(config, "Enabled", key) == false) continue;
            var options = Defaults(id, code.GetValueOrDefault(id), config, key);
            if (config?["Mode"] is { } mode) options = SelectMode(options, mode, $"{key}:Mode");
            options.Id = id;
            if (config is not null && config.Exists()) Read(options, config, key);
            code.GetValueOrDefault(id)?.Configure?.Invoke(options);
            foreach (var p in postConfigure) p(options);
            Validate(options, key);
            if (options.AllowEmailLinking && options.NeverVerifiesEmails && !options.TrustEmails && logger is not null)
            {
                Log.EmailLinkingNeverApplies(logger, options.Id, $"{key}:TrustEmails");
            }
            options.Freeze(); // a validated declaration is immutable
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

    /// <summary>Reads the provider's section: every described setting, then the declaration's own parameters.</summary>
    private static void Read(ProviderOptions p, IConfigurationSection c, string key)
    {
        foreach (var setting in ProviderSettings.All) setting.Read(p, c, key);
        foreach (var parameter in p.Parameters)
        {
            if (c[parameter.Name] is { } value) p.ParameterValues[parameter.Name] = value;
        }
    }

    private static void Validate(ProviderOptions p, string key)
    {
        if (!IdPattern().IsMatch(p.Id)) throw new DaemunConfigurationException(key, "has an invalid id: use 1-32 lower-case letters, digits, '-' or '_'.");
        if (string.IsNullOrWhiteSpace(p.Name)) p.Name = p.Id;
        if (string.IsNullOrWhiteSpace(p.ClientId)) throw new DaemunConfigurationException($"{key}:ClientId", "is required.");
        if (string.IsNullOrWhiteSpace(p.ClientSecret) && !p.ClientSecretOptional && p.ClientAuthentication != ClientAuthentication.None)
        {
            throw new DaemunConfigurationException($"{key}:ClientSecret", "is required.");
        }
        FillParameters(p, key);
        FillScopes(p, key);
        foreach (var setting in ProviderSettings.All) setting.Validate(p, key);
        if (p.Kind == ProviderKind.OAuth1) ValidateOAuth1(p, key);
        if (p.RequiredItems.Count > 0 && p.GrantedItems is null)
        {
            throw new DaemunConfigurationException($"{key}:RequiredItems", "needs a provider that tells which items were granted (GrantedItems), such as Naver.");
        }
        if (p.RequiredScopes.Except(p.Scopes, StringComparer.Ordinal).ToList() is { Count: > 0 } missing) p.Scopes = [.. missing, .. p.Scopes];
        if (p.ScopeSeparator.Length == 0) throw new DaemunConfigurationException($"{key}:ScopeSeparator", "must not be empty.");
        if (p.ScopeParameter.Length == 0) throw new DaemunConfigurationException($"{key}:ScopeParameter", "must not be empty.");
        ValidateTokenRequest(p.TokenRequest, key);
    }

    /// <summary>The token request's names are not empty, and it forwards none of the callback's own fields (code, state, error, iss): those
    /// are read and checked by the callback itself.</summary>
    private static void ValidateTokenRequest(TokenRequest t, string key)
    {
        if (t.ClientIdParameter.Length == 0 || t.ClientSecretParameter.Length == 0)
        {
            throw new DaemunConfigurationException($"{key}:TokenRequest", "names an empty client id or client secret parameter.");
        }
        string[] own = ["code", "state", "error", "error_description", "iss"];
        if (t.CallbackParameters.FirstOrDefault(name => name.Length == 0 || own.Contains(name, StringComparer.Ordinal)) is { } bad)
        {
            throw new DaemunConfigurationException($"{key}:TokenRequest", $"cannot forward the callback parameter '{bad}'.");
        }
    }

    /// <summary>OAuth 1.0a: the temporary-credential and token endpoints, a consumer secret (the HMAC-SHA1 key), and none of what only OAuth 2.0
    /// has (a token endpoint, PKCE, nonce, revocation, a token in the query, a second email endpoint).</summary>
    private static void ValidateOAuth1(ProviderOptions p, string key)
    {
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

    /// <summary>Writes the declaration's parameters (<c>{Domain}</c>) into its URLs. A parameter is needed only while a URL still names it: the
    /// emulator, or a URL set in full by configuration, leaves nothing to fill.</summary>
    private static void FillParameters(ProviderOptions p, string key)
    {
        foreach (var setting in ProviderSettings.All)
        {
            if (setting.Address is not var (get, set) || get(p) is not { } url || !url.Contains('{', StringComparison.Ordinal)) continue;
            foreach (var parameter in p.Parameters)
            {
                var placeholder = $"{{{parameter.Name}}}";
                if (!url.Contains(placeholder, StringComparison.Ordinal)) continue;
                var value = p.ParameterValues.TryGetValue(parameter.Name, out var v) ? v : parameter.Default;
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new DaemunConfigurationException($"{key}:{parameter.Name}", $"is required: {parameter.Description} For example '{parameter.Example}'.");
                }
                if (!ParameterPattern().IsMatch(value))
                {
                    throw new DaemunConfigurationException($"{key}:{parameter.Name}", $"must be a bare name such as '{parameter.Example}': letters, digits, '.', '-', '_' or ':' only (got '{value}').");
                }
                url = url.Replace(placeholder, value, StringComparison.Ordinal);
            }
            if (PlaceholderPattern().Match(url) is { Success: true } left)
            {
                throw new DaemunConfigurationException($"{key}:{setting.Key}", $"names {left.Value}, which is not a parameter of this provider.");
            }
            set(p, url);
        }
    }

    /// <summary>Writes <c>{ClientId}</c> and the declaration's parameters into its scopes (Azure AD B2C asks for its own client id as a
    /// scope to be given an access token); a scope still naming a placeholder stops start-up.</summary>
    private static void FillScopes(ProviderOptions p, string key)
    {
        if (!p.Scopes.Any(s => s.Contains('{', StringComparison.Ordinal))) return;
        var filled = p.Scopes.Select(s => Placeholders.Fill(s, p)).ToList();
        if (filled.Select(s => PlaceholderPattern().Match(s)).FirstOrDefault(m => m.Success) is { } left)
        {
            throw new DaemunConfigurationException($"{key}:Scope", $"names {left.Value}, which is neither {{ClientId}} nor a parameter of this provider with a value.");
        }
        p.Scopes = filled;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,253}$")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex PlaceholderPattern();
}

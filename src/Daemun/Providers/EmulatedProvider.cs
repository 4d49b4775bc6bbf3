using System.Text;

namespace Daemun.Providers;

/// <summary>What the provider emulator serves one provider with, and the rewriting that points a declaration at it. <see cref="Apply"/> walks
/// <see cref="ProviderSettings.All"/> and does what each setting's <see cref="ProviderSetting.Emulator"/> role says, so a setting added to the
/// table is rewritten without code here: the emulator's values are looked up by setting key, and a URL the emulator has no address for keeps
/// the provider's own path under <see cref="Root"/> (https://kapi.kakao.com/v1/user/unlink → {emulator}/kakao/v1/user/unlink), where the
/// emulator answers it or says 404 — never the real host.</summary>
internal sealed class EmulatedProvider
{
    private readonly IReadOnlyDictionary<string, string?> _values;

    /// <summary>The emulator's values for <paramref name="root"/>'s provider by setting key: the credentials (<see cref="EmulatorRole.Credential"/>)
    /// and the addresses it has (<see cref="EmulatorRole.Endpoint"/>, <see cref="EmulatorRole.Discovered"/>; a null address counts as none).
    /// A key that is no such setting is refused, so a misspelt key cannot quietly leave the real URL in place.</summary>
    public EmulatedProvider(string root, IReadOnlyDictionary<string, string?> values)
    {
        foreach (var key in values.Keys)
        {
            if (ProviderSettings.Find(key) is not { Emulator: not EmulatorRole.None })
            {
                throw new ArgumentException($"'{key}' is not a provider setting the emulator rewrites (ProviderSettings.All).", nameof(values));
            }
        }
        Root = root.TrimEnd('/');
        _values = values;
    }

    /// <summary>Where the emulator serves the provider: <c>{emulator}/{type}</c>.</summary>
    public string Root { get; }

    /// <summary>Points <paramref name="p"/> at the emulator: every setting by its role, and <see cref="ProviderOptions.IsEmulated"/>.</summary>
    public void Apply(ProviderOptions p)
    {
        foreach (var setting in ProviderSettings.All)
        {
            switch (setting.Emulator)
            {
                case EmulatorRole.None:
                    break;
                case EmulatorRole.Credential when setting.Credential is var (_, set):
                    set(p, _values.GetValueOrDefault(setting.Key) ?? throw new InvalidOperationException($"The emulator has no {setting.Key} for {p.Id}."));
                    break;
                case EmulatorRole.Endpoint or EmulatorRole.Discovered when setting.Address is var (get, set):
                    var discovered = setting.Emulator == EmulatorRole.Discovered && p.Kind == ProviderKind.Oidc;
                    set(p, discovered ? null : Address(setting.Key, get(p) ?? (setting.Required(p) ? "" : null)));
                    break;
                default:
                    throw new InvalidOperationException($"Setting {setting.Key} ({setting.Kind}) cannot have the emulator role {setting.Emulator}.");
            }
        }
        p.IsEmulated = true;
    }

    /// <summary>The emulator's address for a declared URL; an absent endpoint stays absent unless the declaration requires the operator to give
    /// it (NetSuite's RESTlet: <paramref name="declared"/> is then empty), when the emulator's address, or <c>/{key}</c> under it, stands in.</summary>
    private string? Address(string key, string? declared) =>
        declared is null ? null : _values.GetValueOrDefault(key) ?? Root + OwnPath(key, declared);

    /// <summary>The provider's own path and query, or <c>/{key in kebab case}</c> when the URL has a setting in it (<c>{Domain}</c>) or no path.</summary>
    private static string OwnPath(string key, string url) =>
        !url.Contains('{', StringComparison.Ordinal) && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.AbsolutePath.Length > 1
            ? u.PathAndQuery
            : "/" + Kebab(key.EndsWith("Endpoint", StringComparison.Ordinal) ? key[..^"Endpoint".Length] : key);

    private static string Kebab(string name)
    {
        var s = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && s.Length > 0) s.Append('-');
            s.Append(char.ToLowerInvariant(c));
        }
        return s.ToString();
    }
}

using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Daemun.Providers;

/// <summary>One provider option, described once: its key under <c>Daemun:Providers:{id}</c>, what it means, how configuration is read into the
/// declaration, how the result is checked at start-up, what the emulator does with it, and how the documentation shows the declared value.
/// <see cref="ProviderSettings.All"/> lists them; nothing else binds, validates or documents a provider option.</summary>
internal sealed class ProviderSetting
{
    private ProviderSetting(string key, SettingKind kind, string description) => (Key, Kind, Description) = (key, kind, description);

    /// <summary>The configuration key under the provider's section.</summary>
    public string Key { get; }

    /// <summary>What kind of value it takes.</summary>
    public SettingKind Kind { get; }

    /// <summary>One sentence for the documentation.</summary>
    public string Description { get; }

    /// <summary>What the emulator does with it (<see cref="EmulatedProvider.Apply"/>).</summary>
    public EmulatorRole Emulator { get; private init; }

    /// <summary>Reads the key from the provider's section into the declaration when it is present; a malformed value throws
    /// <see cref="DaemunConfigurationException"/> naming the key.</summary>
    public Action<ProviderOptions, IConfigurationSection, string> Read { get; private init; } = (_, _, _) => { };

    /// <summary>Checks the declaration's value at start-up (after configuration, code and the emulator applied).</summary>
    public Action<ProviderOptions, string> Validate { get; private init; } = (_, _) => { };

    /// <summary>The declared value as the documentation shows it; null when it has none.</summary>
    public Func<ProviderOptions, string?> Show { get; private init; } = _ => null;

    /// <summary>For <see cref="SettingKind.Url"/> settings: whether the declaration needs a value (a missing one stops start-up).</summary>
    public Func<ProviderOptions, bool> Required { get; private init; } = _ => false;

    /// <summary>For <see cref="SettingKind.Url"/> settings: reads and writes the URL (placeholder substitution, the emulator's rewriting).</summary>
    public (Func<ProviderOptions, string?> Get, Action<ProviderOptions, string?> Set)? Address { get; private init; }

    /// <summary>For <see cref="SettingKind.Secret"/> settings: reads and writes the credential (the emulator's rewriting).</summary>
    public (Func<ProviderOptions, string?> Get, Action<ProviderOptions, string> Set)? Credential { get; private init; }

    public static ProviderSetting Text(string key, string description, Func<ProviderOptions, string?> get, Action<ProviderOptions, string> set) =>
        new(key, SettingKind.Text, description) { Read = (p, c, _) => { if (c[key] is { } v) set(p, v); }, Show = get };

    public static ProviderSetting Secret(string key, string description, Func<ProviderOptions, string?> get, Action<ProviderOptions, string> set) =>
        new(key, SettingKind.Secret, description)
        {
            Read = (p, c, _) => { if (c[key] is { } v) set(p, v); },
            Credential = (get, set),
            Emulator = EmulatorRole.Credential,
        };

    /// <summary>A <c>true</c>/<c>false</c> whose effect is more than storing it (<paramref name="apply"/> gets the value and the full key).</summary>
    public static ProviderSetting Switch(string key, string description, Func<ProviderOptions, bool> get, Action<ProviderOptions, bool, string> apply) =>
        new(key, SettingKind.Bool, description)
        {
            Read = (p, c, section) => { if (ReadBool(c, key, section) is { } b) apply(p, b, $"{section}:{key}"); },
            Show = p => get(p) ? "true" : "false",
        };

    /// <summary>An absolute https URL (http on loopback only); required when <paramref name="required"/> says so, and then a missing value's
    /// start-up error adds what <paramref name="guide"/> says to put there (a declaration's own words). Its <paramref name="emulator"/> role is
    /// never implied: a URL at the provider must say how the emulator replaces it.</summary>
    public static ProviderSetting Url(string key, string description, EmulatorRole emulator, Func<ProviderOptions, string?> get, Action<ProviderOptions, string?> set,
        Func<ProviderOptions, bool>? required = null, Func<ProviderOptions, string?>? guide = null) =>
        new(key, SettingKind.Url, description)
        {
            Read = (p, c, _) => { if (c[key] is { } v) set(p, v); },
            Validate = (p, section) => RequireUrl(get(p), $"{section}:{key}", required?.Invoke(p) ?? false, guide?.Invoke(p)),
            Required = required ?? (_ => false),
            Show = get,
            Address = (get, set),
            Emulator = emulator,
        };

    public static ProviderSetting Bool(string key, string description, Func<ProviderOptions, bool> get, Action<ProviderOptions, bool> set) =>
        new(key, SettingKind.Bool, description)
        {
            Read = (p, c, section) => { if (ReadBool(c, key, section) is { } b) set(p, b); },
            Show = p => get(p) ? "true" : "false",
        };

    public static ProviderSetting Number(string key, string description, Func<ProviderOptions, int> get, Action<ProviderOptions, int> set) =>
        new(key, SettingKind.Number, description)
        {
            Read = (p, c, section) =>
            {
                if (c[key] is not { } v) return;
                set(p, int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    ? n : throw new DaemunConfigurationException($"{section}:{key}", $"must be a whole number (got '{v}')."));
            },
            Show = p => get(p).ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>Items separated by spaces or commas (<c>"openid email"</c>), or a JSON array (<c>Scope:0</c>, <c>Scope:1</c>).</summary>
    public static ProviderSetting List(string key, string description, Func<ProviderOptions, IEnumerable<string>> get, Action<ProviderOptions, IList<string>> set) =>
        new(key, SettingKind.List, description)
        {
            Read = (p, c, _) =>
            {
                if (c[key] is { } text) set(p, text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());
                else if (c.GetSection(key).GetChildren().ToList() is { Count: > 0 } items) set(p, items.Select(i => i.Value?.Trim()).OfType<string>().Where(s => s.Length > 0).ToList());
            },
            Show = p => get(p).Any() ? string.Join(' ', get(p)) : null,
        };

    /// <summary>One of <paramref name="words"/> (compared without case and underscores), mapped to its value.</summary>
    public static ProviderSetting Choice<T>(string key, string description, IReadOnlyDictionary<string, T> words, Func<ProviderOptions, T> get, Action<ProviderOptions, T> set)
        where T : notnull =>
        new(key, SettingKind.Choice, description)
        {
            Read = (p, c, section) =>
            {
                if (c[key] is not { } v) return;
                var word = v.Replace("_", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
                var match = words.FirstOrDefault(w => w.Key.Replace("_", "", StringComparison.Ordinal) == word);
                if (match.Key is null) throw new DaemunConfigurationException($"{section}:{key}", $"must be one of {string.Join(", ", words.Keys)} (got '{v}').");
                set(p, match.Value);
            },
            Show = p => words.FirstOrDefault(w => EqualityComparer<T>.Default.Equals(w.Value, get(p))).Key,
        };

    /// <summary>A section read by its own code (<c>AuthorizationParameters</c>, <c>Profile</c>).</summary>
    public static ProviderSetting Section(string key, string description, Action<ProviderOptions, IConfigurationSection, string> read, Func<ProviderOptions, string?> show) =>
        new(key, SettingKind.Section, description)
        {
            Read = (p, c, section) => { if (c.GetSection(key).Exists()) read(p, c.GetSection(key), $"{section}:{key}"); },
            Show = show,
        };

    /// <summary>A value of <c>true</c>/<c>false</c>, or null when the key is absent.</summary>
    public static bool? ReadBool(IConfigurationSection c, string name, string section)
    {
        var value = c[name];
        if (value is null) return null;
        return bool.TryParse(value, out var b) ? b : throw new DaemunConfigurationException($"{section}:{name}", $"must be true or false (got '{value}').");
    }

    private static void RequireUrl(string? value, string key, bool required, string? guide)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) throw new DaemunConfigurationException(key, guide is null ? "is required." : $"is required: {guide}");
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

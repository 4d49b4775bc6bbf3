using Daemun.Providers;
using Microsoft.Extensions.Options;

namespace Daemun.Localization;

/// <summary>The languages pages can be shown in, and the default one (<c>Daemun:DefaultLanguage</c>, checked at start-up).</summary>
internal sealed class Texts
{
    public Texts(IOptions<DaemunLanguageOptions> options)
    {
        var configured = options.Value.DefaultLanguage;
        DefaultLanguage = Find(configured) ?? throw new DaemunConfigurationException("Daemun:DefaultLanguage",
            $"must be one of the languages there is a strings file for: {string.Join(", ", Languages)} (got '{configured}').");
    }

    /// <summary>The languages there is a strings file for.</summary>
    public IReadOnlyList<string> Languages => StringFiles.Languages;

    /// <summary>The language used when the request names none.</summary>
    public string DefaultLanguage { get; }

    /// <summary>The language <paramref name="value"/> names exactly (case-insensitive), if there is a file for it.</summary>
    public string? Find(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 16) return null;
        var language = value.ToLowerInvariant();
        return Languages.Contains(language, StringComparer.Ordinal) ? language : null;
    }

    /// <summary>The strings of one language.</summary>
    public PageText For(string language) => new(Find(language) ?? DefaultLanguage);
}

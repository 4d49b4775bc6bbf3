using Daemun.Errors;
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

/// <summary>The strings of one page in one language.</summary>
internal sealed record PageText(string Language)
{
    /// <summary>The text of <paramref name="key"/> in this language (else English, else the key), formatted with <paramref name="args"/>.</summary>
    public string T(string key, params object?[] args) => StringFiles.Text(Language, key, args);

    /// <summary>What happened and what to do next, for <paramref name="code"/>.</summary>
    public string Error(ErrorCode code) => T(ErrorKey(code));

    /// <summary>The provider's name as shown: a built-in brand name (any file's <c>provider.{id}</c>) in this language's spelling; a configured name as configured.</summary>
    public string ProviderName(ProviderOptions provider)
    {
        var key = "provider." + provider.Id;
        var isBrandName = StringFiles.Languages.Any(l => StringFiles.Find(l, key) == provider.Name);
        return isBrandName ? T(key) : provider.Name;
    }

    /// <summary>The strings key of an error code's message.</summary>
    public static string ErrorKey(ErrorCode code) => "error." + code;
}

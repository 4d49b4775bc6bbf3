using Daemun.Errors;
using Daemun.Providers;

namespace Daemun.Localization;

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

using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Daemun.Localization;

/// <summary>The page strings: one embedded JSON file per language (<c>Localization/Strings/{lang}.json</c>), found by file name, read once.</summary>
internal static class StringFiles
{
    /// <summary>The language every other one falls back to, and the language of JSON error messages.</summary>
    public const string English = "en";

    private const string Prefix = "Daemun.Localization.Strings.";
    private const string Suffix = ".json";

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Files = Load();

    /// <summary>The languages there is a file for (the file names, e.g. <c>ko</c>, <c>en</c>, <c>ja</c>, <c>fr</c>), sorted.</summary>
    public static IReadOnlyList<string> Languages { get; } = [.. Files.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>'s own file, or null when that file lacks it.</summary>
    public static string? Find(string language, string key) =>
        Files.TryGetValue(language, out var strings) && strings.TryGetValue(key, out var text) ? text : null;

    /// <summary>Every key of <paramref name="language"/>'s file.</summary>
    public static IEnumerable<string> Keys(string language) => Files.TryGetValue(language, out var strings) ? strings.Keys : [];

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, else in English, else the key itself; formatted with <paramref name="args"/>.</summary>
    public static string Text(string language, string key, params object?[] args)
    {
        var template = Find(language, key) ?? Find(English, key) ?? key;
        return args.Length == 0 ? template : string.Format(SentenceFormatter.Instance, template, args);
    }

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(StringFiles).Assembly;
        var files = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal)) continue;
            var language = name[Prefix.Length..^Suffix.Length].ToLowerInvariant();
            files[language] = Read(assembly, name);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, string> Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var json = JsonDocument.Parse(stream);
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            strings[property.Name] = property.Value.GetString()
                ?? throw new InvalidOperationException($"{resource}: {property.Name} is not a string");
        }
        return strings.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

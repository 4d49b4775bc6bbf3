using System.Collections.Concurrent;

namespace Daemun.Emulator.Catalog;

/// <summary>The recorded response shapes shipped with the emulator (embedded <c>Catalog/Shapes/{id}.json</c>).</summary>
public static class ResponseShapes
{
    private const string Prefix = "Daemun.Emulator.Catalog.Shapes.";
    private static readonly ConcurrentDictionary<string, ResponseShape?> Cache = new(StringComparer.Ordinal);

    /// <summary>The ids that have a shape.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. typeof(ResponseShapes).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)];

    /// <summary>The shape of provider <paramref name="id"/>, or null when none is recorded.</summary>
    public static ResponseShape? Find(string id) => Cache.GetOrAdd(id, static id =>
    {
        using var stream = typeof(ResponseShapes).Assembly.GetManifestResourceStream(Prefix + id + ".json");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return ResponseShape.Parse(id, reader.ReadToEnd());
    });
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace OidcBench;

/// <summary>Wall time of each request of the flows (as the driver sees it: server work, queueing for the CPU and the emulator's share).</summary>
internal static class Steps
{
    private static readonly ConcurrentDictionary<string, StrongBox<(long Count, double Ms)>> Totals = new(StringComparer.Ordinal);

    public static void Add(string step, long startedTimestamp)
    {
        var ms = Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;
        var box = Totals.GetOrAdd(step, _ => new StrongBox<(long, double)>());
        lock (box) box.Value = (box.Value.Count + 1, box.Value.Ms + ms);
    }

    public static void Reset() => Totals.Clear();

    public static void Print()
    {
        foreach (var (step, box) in Totals.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {step,-58} mean {box.Value.Ms / box.Value.Count,8:F1} ms"));
        }
    }
}

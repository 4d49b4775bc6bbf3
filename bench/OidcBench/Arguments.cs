namespace OidcBench;

/// <summary><c>--name value</c> pairs from the command line, read with defaults.</summary>
internal sealed class Arguments(Dictionary<string, string> values)
{
    public static Arguments Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var a in args)
        {
            if (name is null)
            {
                if (!a.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"expected --name, got '{a}'");
                name = a[2..];
            }
            else
            {
                values[name] = a;
                name = null;
            }
        }
        if (name is not null) throw new ArgumentException($"--{name} needs a value");
        return new Arguments(values);
    }

    public string Get(string name, string? fallback = null) =>
        values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

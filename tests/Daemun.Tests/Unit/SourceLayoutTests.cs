using System.Text.RegularExpressions;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Unit;

/// <summary>The code's layout rules that no compiler checks: one top-level type per file, named as the file.</summary>
public sealed partial class SourceLayoutTests
{
    /// <summary>The folders held to the rules: the product, and the helpers the test projects share.</summary>
    private static readonly string[] Roots = ["src", Path.Combine("tests", "Daemun.Testing")];

    [Fact]
    public void EverySourceFileHoldsOneTopLevelTypeNamedAsTheFile()
    {
        var wrong = new List<string>();
        foreach (var file in Roots.SelectMany(root => Directory.EnumerateFiles(Path.Combine(Repository.Root, root), "*.cs", SearchOption.AllDirectories)))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var types = TopLevelType().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value).ToList();
            var name = Path.GetFileNameWithoutExtension(file);
            if (types.Count > 1 || (types.Count == 1 && types[0] != name))
            {
                wrong.Add($"{Path.GetRelativePath(Repository.Root, file)}: {string.Join(", ", types)}");
            }
        }

        Assert.Empty(wrong);
    }

    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:sealed|static|abstract|partial|readonly)\s+)*(?:class|record|struct|interface|enum)\s+(?:(?:struct|class)\s+)?(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();
}

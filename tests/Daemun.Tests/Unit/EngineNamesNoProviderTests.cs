using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Daemun.Providers;

namespace Daemun.Tests.Unit;

/// <summary>The engine never names a provider: outside <c>src/Daemun/Providers/Catalog/</c>, no code under <c>src/Daemun</c> holds a built-in
/// provider's id as a string (<c>"naver"</c>, <c>"NAVER"</c>, <c>"Daemun:Providers:kakao:…"</c>, <c>service_provider=NAVER</c>) or refers to a
/// declaration or a type of a provider's folder (<c>Naver.Id</c>, <c>KakaoLogoutRequest</c>). Comments may name providers.</summary>
public sealed partial class EngineNamesNoProviderTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src", "Daemun");
    private static readonly string Catalog = Path.Combine(Source, "Providers", "Catalog") + Path.DirectorySeparatorChar;

    [Fact]
    public void NoEngineFileNamesABuiltInProvider()
    {
        var ids = ProviderCatalog.BuiltInIds;
        var types = ProviderTypes();
        var engineFiles = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Catalog, StringComparison.Ordinal) && !IsBuildOutput(f))
            .ToList();
        Assert.NotEmpty(ids);
        Assert.Contains("NaverProfileRequest", types);
        Assert.True(engineFiles.Count > 50, $"only {engineFiles.Count} engine files found under {Source}");

        var findings = engineFiles.SelectMany(f => Findings(File.ReadAllText(f), ids, types)
            .Select(finding => $"{Path.GetRelativePath(Source, f)}: {finding}")).ToList();

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("var p = registry.Find(\"naver\");", "string \"naver\"")]
    [InlineData("if (id == \"KAKAO\") return;", "string \"KAKAO\"")]
    [InlineData("var key = \"Daemun:Providers:github:ClientId\";", "string \"Daemun:Providers:github:ClientId\"")]
    [InlineData("form.Add(new(\"service_provider\", \"NAVER\"));", "string \"NAVER\"")]
    [InlineData("var url = $\"{baseUrl}/google/token\";", "string \"{baseUrl}/google/token\"")]
    [InlineData("var raw = \"\"\"naver\"\"\";", "string \"naver\"")]
    [InlineData("return AddProvider(Naver.Id, Naver.Defaults);", "identifier Naver")]
    [InlineData("var r = new KakaoLogoutRequest();", "identifier KakaoLogoutRequest")]
    [InlineData("if (p.Profile is NaverProfileRequest) { }", "identifier NaverProfileRequest")]
    public void TheScanFindsAProviderNamedInCode(string code, string expected)
    {
        var findings = Findings(code, ProviderCatalog.BuiltInIds, ProviderTypes());

        Assert.Contains(expected, findings);
    }

    [Theory]
    [InlineData("// Naver answers with HTTP 200 here (naver.md §2)")]
    [InlineData("/// <summary>Kakao's <c>\"id\"</c> answer.</summary>")]
    [InlineData("/* \"naver\" */ var x = 1;")]
    [InlineData("var css = \"line-height: 1.2; text-decoration: underline\";")]
    [InlineData("var message = \"the provider's logout API\"; var url = \"https://example.com/a//b\"; // github")]
    [InlineData("var ch = '\"'; var s = \"naverish\";")]
    public void CommentsAndOtherWordsAreNotFindings(string code)
    {
        Assert.Empty(Findings(code, ProviderCatalog.BuiltInIds, ProviderTypes()));
    }

    /// <summary>The declarations (classes marked <see cref="BuiltInProviderAttribute"/>) and the types named after them (their hooks).</summary>
    private static HashSet<string> ProviderTypes()
    {
        var assembly = typeof(ProviderCatalog).Assembly;
        var declarations = assembly.GetTypes().Where(t => t.GetCustomAttribute<BuiltInProviderAttribute>() is not null).Select(t => t.Name).ToList();
        return [.. assembly.GetTypes().Where(t => !t.IsNested).Select(t => t.Name)
            .Where(name => declarations.Any(d => name == d || (name.StartsWith(d, StringComparison.Ordinal) && char.IsUpper(name[d.Length]))))];
    }

    private static IEnumerable<string> Findings(string source, IReadOnlyList<string> ids, HashSet<string> types)
    {
        var (code, strings) = Split(source);
        foreach (var literal in strings)
        {
            if (ids.Any(id => IdInString(literal, id))) yield return $"string \"{literal}\"";
        }
        foreach (Match m in Identifier().Matches(code))
        {
            if (types.Contains(m.Value)) yield return $"identifier {m.Value}";
        }
    }

    /// <summary>The id as the whole string, or as one segment of a key, path or parameter (<c>Providers:naver:</c>, <c>/naver/</c>, <c>=NAVER</c>).</summary>
    private static bool IdInString(string literal, string id) =>
        Regex.IsMatch(literal, $@"(^|[/:=?&._{{}}]){Regex.Escape(id)}($|[/:=?&._{{}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Splits C# source into code (comments dropped, strings blanked) and the strings' contents (regular, verbatim, raw and
    /// interpolated; an interpolation hole stays in its string).</summary>
    private static (string Code, List<string> Strings) Split(string s)
    {
        var code = new StringBuilder();
        var strings = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == '/' && At(s, i + 1, '/')) { while (i < s.Length && s[i] != '\n') i++; continue; }
            if (s[i] == '/' && At(s, i + 1, '*')) { var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal); i = end < 0 ? s.Length : end + 2; continue; }
            if (s[i] == '\'')
            {
                i++;
                while (i < s.Length && s[i] != '\'') i += s[i] == '\\' ? 2 : 1;
                i++;
                code.Append("' '");
                continue;
            }
            var prefix = i;
            while (prefix < s.Length && s[prefix] is '$' or '@') prefix++;
            if (prefix < s.Length && s[prefix] == '"' && (prefix == i || !char.IsLetterOrDigit(s[i - 1 < 0 ? 0 : i - 1]) || i == 0))
            {
                var verbatim = s.AsSpan(i, prefix - i).Contains('@');
                var quotes = 0;
                while (prefix + quotes < s.Length && s[prefix + quotes] == '"') quotes++;
                var start = prefix + quotes;
                string content;
                if (quotes >= 3)
                {
                    var close = new string('"', quotes);
                    var end = s.IndexOf(close, start, StringComparison.Ordinal);
                    end = end < 0 ? s.Length : end;
                    content = s[start..end];
                    i = Math.Min(s.Length, end + quotes);
                }
                else if (quotes == 2)
                {
                    content = "";
                    i = start;
                }
                else
                {
                    var text = new StringBuilder();
                    var j = start;
                    while (j < s.Length)
                    {
                        if (verbatim && s[j] == '"' && At(s, j + 1, '"')) { text.Append('"'); j += 2; continue; }
                        if (s[j] == '"') break;
                        if (!verbatim && s[j] == '\\') { text.Append(s, j, Math.Min(2, s.Length - j)); j += 2; continue; }
                        text.Append(s[j]);
                        j++;
                    }
                    content = text.ToString();
                    i = j + 1;
                }
                strings.Add(content);
                code.Append("\"\"");
                continue;
            }
            code.Append(s[i]);
            i++;
        }
        return (code.ToString(), strings);
    }

    private static bool At(string s, int i, char c) => i < s.Length && s[i] == c;

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Daemun.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Daemun.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();
}

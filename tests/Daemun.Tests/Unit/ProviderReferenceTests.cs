using Daemun.Providers;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Unit;

/// <summary>docs/providers is generated from the declarations: a page per built-in (Naver's and Kakao's hand-written pages carry the generated
/// block at their end) and the index. A declaration or setting changed without its page fails here; run with DAEMUN_UPDATE_DOCS=1 to
/// rewrite the pages.</summary>
public sealed class ProviderReferenceTests
{
    private static readonly string Docs = Path.Combine(Repository.Root, "docs", "providers");
    private static readonly bool Update = Environment.GetEnvironmentVariable("DAEMUN_UPDATE_DOCS") == "1";

    public static TheoryData<string> BuiltIns => [.. ProviderCatalog.BuiltInIds];

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void EachBuiltInsPageShowsItsDeclaration(string id)
    {
        var p = ProviderCatalog.For(id)!;
        var path = Path.Combine(Docs, id + ".md");
        var expected = File.Exists(path) ? ProviderReference.Update(File.ReadAllText(path), p) : ProviderReference.Page(p);
        if (Update) File.WriteAllText(path, expected);

        Assert.True(File.Exists(path), $"docs/providers/{id}.md is missing: run the tests with DAEMUN_UPDATE_DOCS=1");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void TheIndexListsEveryBuiltInAndEverySetting()
    {
        var path = Path.Combine(Docs, "README.md");
        var expected = ProviderReference.Index(ProviderCatalog.BuiltInIds.Select(id => ProviderCatalog.For(id)!));
        if (Update) File.WriteAllText(path, expected);

        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void TheReadmeTableListsEveryBuiltIn()
    {
        var path = Path.Combine(Repository.Root, "README.md");
        var readme = File.ReadAllText(path);
        var expected = ProviderReference.Replace(readme, ProviderReference.ReadmeTable(ProviderCatalog.BuiltInIds.Select(id => ProviderCatalog.For(id)!)));
        if (Update) File.WriteAllText(path, expected);

        Assert.Contains(ProviderReference.Begin, readme, StringComparison.Ordinal);
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void NoPageIsLeftForAProviderThatIsGone()
    {
        var pages = Directory.GetFiles(Docs, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n is not "README" and not "oauth1").Order(StringComparer.Ordinal);

        Assert.Equal(ProviderCatalog.BuiltInIds, pages);
    }
}

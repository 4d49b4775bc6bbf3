using Daemun.Endpoints;

namespace Daemun.Tests.Unit;

/// <summary><c>Urls.ForHeader</c>, the one way a URL reaches a response header: printable ASCII out, UTF-8 percent-encoding, existing
/// escapes kept, so it can be applied twice.</summary>
public sealed class HeaderSafeUrlTests
{
    [Theory]
    [InlineData("/마이페이지", "/%EB%A7%88%EC%9D%B4%ED%8E%98%EC%9D%B4%EC%A7%80")]
    [InlineData("/%EB%A7%88?q=a%20b&x=1#top", "/%EB%A7%88?q=a%20b&x=1#top")]
    [InlineData("/a b", "/a%20b")]
    [InlineData("/a\r\nSet-Cookie: x=1", "/a%0D%0ASet-Cookie:%20x=1")]
    [InlineData("/\u0085", "/%C2%85")]
    [InlineData("/a\\b\"<>`{}|^", "/a%5Cb%22%3C%3E%60%7B%7D%7C%5E")]
    [InlineData("/😀", "/%F0%9F%98%80")]
    [InlineData("https://example.com/p?x=[1]&y=~!$'()*+,;=:@", "https://example.com/p?x=[1]&y=~!$'()*+,;=:@")]
    public void EncodesWhatAHeaderCannotCarryAndKeepsTheRest(string url, string expected)
    {
        var encoded = Urls.ForHeader(url);

        Assert.Equal(expected, encoded);
        Assert.All(encoded, c => Assert.True(c is > ' ' and < '\u007F', $"U+{(int)c:X4} in {encoded}"));
        Assert.Equal(encoded, Urls.ForHeader(encoded)); // idempotent
    }

    [Fact]
    public void ALoneSurrogateIsWrittenAsTheReplacementCharacter()
    {
        var url = "/" + new string((char)0xD800, 1) + "x"; // built at run time: attribute data cannot hold invalid UTF-16
        Assert.Equal("/%EF%BF%BDx", Urls.ForHeader(url));
    }

    [Fact]
    public void AnAsciiUrlIsReturnedAsTheSameString()
    {
        const string url = "/api/auth/signin?callbackUrl=%2Fme";
        Assert.Same(url, Urls.ForHeader(url));
    }
}

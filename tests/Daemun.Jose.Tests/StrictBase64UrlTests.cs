using Daemun.Jose.Tests.Support;
using Daemun.Protocol;

namespace Daemun.Jose.Tests;

public sealed class StrictBase64UrlTests
{
    [Fact]
    public void DecodesEveryLengthLikeTheFramework()
    {
        var random = new Random(7);
        for (var length = 0; length <= 70; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            Assert.True(StrictBase64Url.TryDecode(Base64Url.Encode(bytes), out var decoded));
            Assert.Equal(bytes, decoded);
            Assert.Equal(Base64Url.Encode(bytes), StrictBase64Url.Encode(bytes));
        }
    }

    [Theory]
    [InlineData("YQ==")]
    [InlineData("YWI=")]
    [InlineData("YQ=")]
    public void PaddedBase64IsRefused(string text) => Assert.False(StrictBase64Url.TryDecode(text, out _));

    [Theory]
    [InlineData("a+b_")]
    [InlineData("a/b_")]
    public void StandardAlphabetIsRefused(string text) => Assert.False(StrictBase64Url.TryDecode(text, out _));

    [Theory]
    [InlineData("YW  Jj")]
    [InlineData("YWJj\n\n")]
    [InlineData("\tYWJjZA")]
    [InlineData("YWJj\r\n")]
    public void WhitespaceIsRefused(string text) => Assert.False(StrictBase64Url.TryDecode(text, out _));

    [Theory]
    [InlineData("A")]
    [InlineData("YWJjZ")]
    public void LengthOfOneModuloFourIsRefused(string text) => Assert.False(StrictBase64Url.TryDecode(text, out _));

    [Theory]
    [InlineData("YR")]  // "a" is YQ; R sets an unused low bit
    [InlineData("YWJ")] // "ab" is YWI; J sets an unused low bit
    public void NonCanonicalTrailingBitsAreRefused(string text) => Assert.False(StrictBase64Url.TryDecode(text, out _));

    [Theory]
    [InlineData("YWJ\u00e9")]
    [InlineData("YW.j")]
    [InlineData("YWJ\0")]
    public void CharactersOutsideTheAlphabetAreRefused(string text) => Assert.False(StrictBase64Url.TryDecode(text, out _));
}

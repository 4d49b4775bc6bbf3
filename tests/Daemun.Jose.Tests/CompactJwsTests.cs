using System.Text;
using Daemun.Jose.Tests.Support;
using Daemun.Protocol.Jose;

namespace Daemun.Jose.Tests;

public sealed class CompactJwsTests
{
    private const string Header = """{"alg":"RS256","kid":"rsa-1","typ":"JWT"}""";
    private const string Payload = """{"iss":"https://issuer.example","sub":"user-1"}""";

    private static string Signed(string header = Header, string payload = Payload) =>
        TestSigner.Token(header, payload, "RS256", TestKeys.Rsa);

    private static string Unsigned(string header, string payload = Payload) =>
        TestSigner.SigningInput(header, payload) + "." + Base64Url.Encode(new byte[256]);

    private static void AssertMalformed(string token)
    {
        Assert.False(CompactJws.TryParse(token, out var jws, out var error));
        Assert.Null(jws);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void ValidTokenParsesIntoItsParts()
    {
        var token = Signed();

        Assert.True(CompactJws.TryParse(token, out var jws, out var error), error);
        Assert.Equal("RS256", jws.Algorithm);
        Assert.Equal("rsa-1", jws.KeyId);
        Assert.Equal("JWT", jws.Header.GetProperty("typ").GetString());
        Assert.Equal("user-1", jws.Payload.GetProperty("sub").GetString());
        Assert.Equal(token[..token.LastIndexOf('.')], Encoding.ASCII.GetString(jws.SigningInput.Span));
        Assert.Equal(256, jws.Signature.Length);
    }

    [Fact]
    public void KidIsOptional()
    {
        Assert.True(CompactJws.TryParse(Unsigned("""{"alg":"RS256"}"""), out var jws, out _));
        Assert.Null(jws.KeyId);
    }

    [Fact]
    public void TwoPartsAreMalformed() => AssertMalformed(TestSigner.SigningInput(Header, Payload));

    [Fact]
    public void FourPartsAreMalformed()
    {
        Assert.False(CompactJws.TryParse(Signed() + ".AAAA", out _, out var error));
        Assert.Contains("three parts", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FivePartJweIsMalformed() => AssertMalformed(Base64Url.Encode("""{"alg":"RSA-OAEP","enc":"A256GCM"}""") + ".AAAA.AAAA.AAAA.AAAA");

    [Fact]
    public void EmptyTokenIsMalformed() => AssertMalformed(string.Empty);

    [Fact]
    public void OversizedTokenIsRefused()
    {
        var padding = new string('x', CompactJws.MaxTokenLength);
        AssertMalformed(Signed(payload: $$"""{"sub":"user-1","pad":"{{padding}}"}"""));
    }

    [Fact]
    public void TokenJustUnderTheSizeLimitParses()
    {
        var token = Signed(payload: """{"sub":"user-1","pad":""}""");
        var room = (CompactJws.MaxTokenLength - token.Length) / 4 * 3;
        var large = Signed(payload: $$"""{"sub":"user-1","pad":"{{new string('x', room)}}"}""");
        Assert.True(large.Length <= CompactJws.MaxTokenLength);
        Assert.True(CompactJws.TryParse(large, out _, out var error), error);
    }

    [Fact]
    public void PaddedBase64IsRefused()
    {
        // A header whose encoding needs padding, with the padding written out.
        const string header = """{"alg":"RS256","kid":"k1"}""";
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(header));
        Assert.EndsWith("=", encoded, StringComparison.Ordinal);
        AssertMalformed(encoded + "." + Base64Url.Encode(Payload) + "." + Base64Url.Encode(new byte[256]));
    }

    [Fact]
    public void PaddedSignatureIsRefused()
    {
        var token = TestSigner.SigningInput(Header, Payload) + "." + Base64Url.Encode(new byte[256]);
        Assert.True(CompactJws.TryParse(token, out _, out _));
        AssertMalformed(token + "==");
    }

    [Fact]
    public void StandardBase64AlphabetIsRefused()
    {
        // 0xFB 0xFF 0xBF is "-_-_" in base64url and "+/+/" in standard base64.
        var input = TestSigner.SigningInput(Header, Payload) + ".";
        Assert.True(CompactJws.TryParse(input + "-_-_", out _, out _));
        AssertMalformed(input + "+/+/");
        AssertMalformed(input + "+_-_");
        AssertMalformed(input + "-/-_");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("\t")]
    public void WhitespaceIsRefused(string whitespace)
    {
        var token = Signed();
        AssertMalformed(token + whitespace);
        AssertMalformed(whitespace + token);
        AssertMalformed(token.Insert(token.IndexOf('.', StringComparison.Ordinal) + 1, whitespace));
    }

    [Fact]
    public void NonCanonicalBase64IsRefused()
    {
        // 256 zero bytes encode to 342 characters, the last with four unused low bits; "B" sets one.
        var token = TestSigner.SigningInput(Header, Payload) + "." + Base64Url.Encode(new byte[256]);
        Assert.EndsWith("A", token, StringComparison.Ordinal);
        AssertMalformed(token[..^1] + "B");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"RS256\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"alg\":\"RS256\"")]
    [InlineData("{\"alg\":\"RS256\",}")]
    [InlineData("{\"alg\":\"RS256\"/*x*/}")]
    [InlineData("")]
    public void HeaderThatIsNotAStrictJsonObjectIsRefused(string header) => AssertMalformed(Unsigned(header));

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    [InlineData("{\"sub\":1")]
    public void PayloadThatIsNotAStrictJsonObjectIsRefused(string payload) => AssertMalformed(Unsigned(Header, payload));

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        var header = Encoding.UTF8.GetBytes("""{"alg":"RS256","x":"?"}""");
        header[^3] = 0xFF;
        AssertMalformed(Base64Url.Encode(header) + "." + Base64Url.Encode(Payload) + "." + Base64Url.Encode(new byte[256]));
    }

    [Fact]
    public void ByteOrderMarkIsRefused()
    {
        byte[] header = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Header)];
        AssertMalformed(Base64Url.Encode(header) + "." + Base64Url.Encode(Payload) + "." + Base64Url.Encode(new byte[256]));
    }

    [Fact]
    public void LoneSurrogateEscapeIsRefused()
    {
        AssertMalformed(Unsigned("""{"alg":"RS256","x":"\ud800"}"""));
        AssertMalformed(Unsigned(Header, """{"sub":"user-1","\udc00":1}"""));
    }

    [Fact]
    public void CritHeaderIsRefused()
    {
        Assert.True(CompactJws.TryParse(Unsigned("""{"alg":"RS256","exp":1}"""), out _, out _));
        AssertMalformed(Unsigned("""{"alg":"RS256","crit":["exp"],"exp":1}"""));
        AssertMalformed(Unsigned("""{"alg":"RS256","crit":[]}"""));
    }

    [Theory]
    [InlineData("""{"alg":"RS256","alg":"none"}""")]
    [InlineData("""{"alg":"RS256","\u0061lg":"none"}""")]
    [InlineData("""{"alg":"RS256","kid":"a","kid":"b"}""")]
    [InlineData("""{"alg":"RS256","jwk":{"kty":"RSA","kty":"EC"}}""")]
    public void DuplicateHeaderMembersAreRefused(string header) => AssertMalformed(Unsigned(header));

    [Theory]
    [InlineData("""{"sub":"user-1","sub":"admin"}""")]
    [InlineData("""{"sub":"user-1","s\u0075b":"admin"}""")]
    public void DuplicateClaimsAreRefused(string payload) => AssertMalformed(Unsigned(Header, payload));

    [Theory]
    [InlineData("""{"kid":"rsa-1"}""")]
    [InlineData("""{"alg":256}""")]
    [InlineData("""{"alg":null}""")]
    [InlineData("""{"alg":""}""")]
    [InlineData("""{"alg":["RS256"]}""")]
    public void HeaderWithoutAnAlgStringIsRefused(string header) => AssertMalformed(Unsigned(header));

    [Theory]
    [InlineData("""{"alg":"RS256","kid":1}""")]
    [InlineData("""{"alg":"RS256","kid":null}""")]
    [InlineData("""{"alg":"RS256","kid":["a"]}""")]
    public void NonStringKidIsRefused(string header) => AssertMalformed(Unsigned(header));

    [Fact]
    public void EmptySignatureParses()
    {
        // Refusing "none" is the validator's job; the parser reads it.
        Assert.True(CompactJws.TryParse(TestSigner.SigningInput("""{"alg":"none"}""", Payload) + ".", out var jws, out _));
        Assert.Empty(jws.Signature);
    }

    [Fact]
    public void ParseErrorNeverQuotesTheToken()
    {
        var token = Unsigned("""{"alg":"RS256","crit":["SECRETMARKER"]}""");
        Assert.False(CompactJws.TryParse(token, out _, out var error));
        foreach (var part in token.Split('.'))
        {
            Assert.DoesNotContain(part, error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("SECRETMARKER", error, StringComparison.Ordinal);
    }
}

using System.Text;
using Daemun.Jose.Tests.Support;
using Daemun.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Jose.Tests;

/// No input makes ValidateAsync throw, and none reaches the "unexpected error" fallback either
/// (which would mean a check threw and was only caught by the safety net).
public sealed class FuzzTests
{
    private const string Issuer = "https://issuer.example";
    private const string ClientId = "client-123";
    private static readonly IdTokenExpectations Expected = new(Issuer, ClientId, "nonce-1", new MetadataSource("https://issuer.example/jwks", IsDiscovery: false, AllowLoopback: false));

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 11, 21, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingRetriever fetch = new(Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1"), Jwks.Ec(TestKeys.Ec, "ec-1")));
    private readonly IdTokenValidator validator;

    public FuzzTests() => validator = new IdTokenValidator(new ProviderMetadata(_ => fetch, time), time);

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    private string ValidClaimsJson(string? without = null)
    {
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = Issuer,
            ["sub"] = "user-1",
            ["aud"] = ClientId,
            ["exp"] = Now + 600,
            ["iat"] = Now,
            ["nonce"] = "nonce-1",
        };
        if (without is not null)
        {
            claims.Remove(without);
        }

        return TestSigner.Json(claims);
    }

    private string ValidToken() => TestSigner.Token("""{"alg":"RS256","kid":"rsa-1"}""", ValidClaimsJson(), "RS256", TestKeys.Rsa);

    private async Task<IdTokenValidation> AssertHandled(string token)
    {
        var result = await validator.ValidateAsync(token, Expected, CancellationToken.None);
        Assert.NotEqual(IdTokenValidator.UnexpectedErrorDetail, result.Detail);
        Assert.Equal(result.Succeeded, result.Failure == IdTokenFailure.None);
        Assert.Equal(result.Succeeded, result.Detail is null);
        return result;
    }

    [Fact]
    public async Task RandomBytesAreRefused()
    {
        var random = new Random(1);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var asLatin1 = Encoding.Latin1.GetString(bytes);
            var asBase64Parts = string.Join('.', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Base64Url.Encode(bytes.AsSpan(0, random.Next(0, bytes.Length + 1)))));
            Assert.False((await AssertHandled(asLatin1)).Succeeded);
            Assert.False((await AssertHandled(asBase64Parts)).Succeeded);
        }
    }

    [Fact]
    public async Task RandomJsonPartsAreRefused()
    {
        string[] fragments = ["{", "}", "[", "]", "\"alg\"", "\"RS256\"", ":", ",", "1e999", "-0", "null", "true", "\"\\ud800\"", "\"\\u0000\"", "\"kid\"", "\"crit\"", "{}", "[]", "9223372036854775808"];
        var random = new Random(2);
        for (var i = 0; i < 500; i++)
        {
            string Json() => string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => fragments[random.Next(fragments.Length)]));
            var token = Base64Url.Encode(Json()) + "." + Base64Url.Encode(Json()) + "." + Base64Url.Encode(new byte[random.Next(0, 300)]);
            Assert.False((await AssertHandled(token)).Succeeded);
        }
    }

    [Fact]
    public async Task TruncatedTokensAreRefused()
    {
        var token = ValidToken();
        Assert.True((await AssertHandled(token)).Succeeded);
        for (var length = 0; length < token.Length; length++)
        {
            Assert.False((await AssertHandled(token[..length])).Succeeded);
        }
    }

    [Fact]
    public async Task FlippedCharactersAreRefused()
    {
        var token = ValidToken();
        var random = new Random(3);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        for (var i = 0; i < 400; i++)
        {
            var position = random.Next(token.Length);
            var replacement = alphabet[random.Next(alphabet.Length)];
            if (token[position] == replacement)
            {
                continue;
            }

            var mutated = string.Concat(token.AsSpan(0, position), replacement.ToString(), token.AsSpan(position + 1));
            Assert.False((await AssertHandled(mutated)).Succeeded);
        }
    }

    [Fact]
    public async Task WrongJsonTypesForClaimsAreHandled()
    {
        string[] claimNames = ["iss", "sub", "aud", "exp", "iat", "nbf", "nonce", "azp"];
        string[] values = ["null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "1e300", "-1e300", "123456789012345678901234567890", "\"\"", "\"text\"", "[]", "[1]", "[null]", "[\"client-123\",\"x\"]", "{}", "{\"a\":1}", "\"\\u0000\""];
        foreach (var claim in claimNames)
        {
            foreach (var value in values)
            {
                var claims = ValidClaimsJson(without: claim);
                var payload = $"{{\"{claim}\":{value},{claims[1..]}";
                var token = TestSigner.Token("""{"alg":"RS256","kid":"rsa-1"}""", payload, "RS256", TestKeys.Rsa);
                var result = await AssertHandled(token);
                if (value is "1e400" or "-1e400" && claim is "exp" or "iat" or "nbf")
                {
                    Assert.Equal(IdTokenFailure.Malformed, result.Failure);
                }
            }
        }
    }

    [Fact]
    public async Task HugeNumericDatesAreHandled()
    {
        // IdentityModel reads NumericDates as 64-bit integers: values beyond that are not NumericDates, so the token is malformed
        foreach (var (exp, iat) in new[]
        {
            ("1e300", "0"),
            ("1e300", $"{Now}"),
            ("-1e300", $"{Now}"),
            ($"{Now + 60}", "1e300"),
            ("1e400", $"{Now}"),
            ("18446744073709551616", $"{Now}"),
        })
        {
            var payload = $$"""{"iss":"{{Issuer}}","sub":"u","aud":"{{ClientId}}","nonce":"nonce-1","exp":{{exp}},"iat":{{iat}}}""";
            var token = TestSigner.Token("""{"alg":"RS256","kid":"rsa-1"}""", payload, "RS256", TestKeys.Rsa);
            Assert.Equal(IdTokenFailure.Malformed, (await AssertHandled(token)).Failure);
        }
    }

    [Fact]
    public async Task DeeplyNestedJsonIsRefused()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var payload = $$"""{"sub":"u","x":{{deep}}}""";
        var token = TestSigner.Token("""{"alg":"RS256","kid":"rsa-1"}""", payload, "RS256", TestKeys.Rsa);
        Assert.Equal(IdTokenFailure.Malformed, (await AssertHandled(token)).Failure);
    }

    [Fact]
    public async Task NullTokenIsMalformed()
    {
        Assert.Equal(IdTokenFailure.Malformed, (await AssertHandled(null!)).Failure);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Daemun.Jose.Tests.Support;
using Daemun.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Daemun.Jose.Tests;

public sealed class IdTokenValidatorTests
{
    private const string Issuer = "https://issuer.example";
    private const string ClientId = "client-123";
    private const string Nonce = "n-0S6_WzA2Mj";
    private const string JwksUri = "https://issuer.example/jwks";
    private static readonly MetadataSource Keys = new(JwksUri, IsDiscovery: false, AllowLoopback: false);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 11, 21, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingRetriever fetch = new(Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1"), Jwks.Ec(TestKeys.Ec, "ec-1")));
    private readonly IdTokenValidator validator;

    public IdTokenValidatorTests() => validator = new IdTokenValidator(new ProviderMetadata(_ => fetch, time), time);

    private static IdTokenExpectations Expected => new(Issuer, ClientId, Nonce, Keys);

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();

    private static Dictionary<string, object?> Header(string alg = "RS256", string? kid = "rsa-1")
    {
        var header = new Dictionary<string, object?> { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    private Dictionary<string, object?> Claims() => new()
    {
        ["iss"] = Issuer,
        ["sub"] = "user-1",
        ["aud"] = ClientId,
        ["exp"] = Now + 600,
        ["iat"] = Now - 5,
        ["nonce"] = Nonce,
        ["email"] = "user@example.com",
    };

    private string Token(Dictionary<string, object?>? claims = null, string alg = "RS256", string? kid = "rsa-1", AsymmetricAlgorithm? key = null) =>
        TestSigner.Token(Header(alg, kid), claims ?? Claims(), key ?? (alg == "ES256" ? TestKeys.Ec : TestKeys.Rsa));

    private Task<IdTokenValidation> Validate(string token, IdTokenExpectations? expected = null) =>
        validator.ValidateAsync(token, expected ?? Expected, CancellationToken.None);

    private async Task<IdTokenValidation> AssertRefused(string token, IdTokenFailure failure, IdTokenExpectations? expected = null)
    {
        var result = await Validate(token, expected);
        Assert.Equal(failure, result.Failure);
        Assert.False(result.Succeeded);
        Assert.Equal(default, result.Claims);
        Assert.False(string.IsNullOrEmpty(result.Detail));
        Assert.NotEqual(IdTokenValidator.UnexpectedErrorDetail, result.Detail);
        return result;
    }

    private async Task<IdTokenValidation> AssertAccepted(string token, IdTokenExpectations? expected = null)
    {
        var result = await Validate(token, expected);
        Assert.True(result.Succeeded, $"{result.Failure}: {result.Detail}");
        Assert.Equal(IdTokenFailure.None, result.Failure);
        Assert.Null(result.Detail);
        return result;
    }

    // --- accepted ---

    [Fact]
    public async Task ValidRs256IsAccepted()
    {
        var result = await AssertAccepted(Token());
        Assert.Equal("user-1", result.Claims.GetProperty("sub").GetString());
        Assert.Equal("user@example.com", result.Claims.GetProperty("email").GetString());
    }

    [Fact]
    public async Task ValidPs256IsAccepted() => await AssertAccepted(Token(alg: "PS256"));

    [Fact]
    public async Task ValidEs256IsAccepted() => await AssertAccepted(Token(alg: "ES256", kid: "ec-1"));

    [Fact]
    public async Task KeysAreFetchedFromTheExpectedJwksUri()
    {
        await AssertAccepted(Token());
        Assert.Equal([JwksUri], fetch.Addresses);
    }

    // --- algorithm ---

    [Fact]
    public async Task AlgNoneIsRefused()
    {
        var token = TestSigner.Token(TestSigner.Json(Header("none")), TestSigner.Json(Claims()), "none", null);
        await AssertRefused(token, IdTokenFailure.AlgorithmNotAllowed);
        Assert.Equal(0, fetch.Count);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public async Task Hs256SignedWithThePublicKeyIsRefused(string alg)
    {
        // The classic confusion: an HMAC keyed with the RSA public key, as PEM and as the JWK's n.
        var signingInput = TestSigner.SigningInput(TestSigner.Json(Header(alg)), TestSigner.Json(Claims()));
        var data = Encoding.ASCII.GetBytes(signingInput);
        byte[][] keys =
        [
            Encoding.ASCII.GetBytes(TestKeys.Rsa.ExportSubjectPublicKeyInfoPem()),
            TestKeys.Rsa.ExportParameters(false).Modulus!,
            Encoding.UTF8.GetBytes(Jwks.Rsa(TestKeys.Rsa, "rsa-1").ToJsonString()),
        ];
        foreach (var key in keys)
        {
            var mac = alg switch
            {
                "HS256" => HMACSHA256.HashData(key, data),
                "HS384" => HMACSHA384.HashData(key, data),
                _ => HMACSHA512.HashData(key, data),
            };
            await AssertRefused(signingInput + "." + Base64Url.Encode(mac), IdTokenFailure.AlgorithmNotAllowed);
        }
    }

    [Theory]
    [InlineData("RS512")]
    [InlineData("RS384")]
    [InlineData("ES384")]
    [InlineData("EdDSA")]
    [InlineData("rs256")]
    [InlineData("RS256 ")]
    [InlineData("NONE")]
    public async Task AnyOtherAlgIsRefused(string alg)
    {
        var token = TestSigner.SigningInput(TestSigner.Json(Header(alg)), TestSigner.Json(Claims())) + "." + Base64Url.Encode(new byte[256]);
        await AssertRefused(token, IdTokenFailure.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task AlgNotInTheExpectationsIsRefused()
    {
        var onlyRs256 = Expected with { AllowedAlgorithms = ["RS256"] };
        await AssertAccepted(Token(), onlyRs256);
        await AssertRefused(Token(alg: "PS256"), IdTokenFailure.AlgorithmNotAllowed, onlyRs256);
    }

    [Fact]
    public async Task ListingAnUnsupportedAlgInTheExpectationsDoesNotEnableIt()
    {
        var withHmac = Expected with { AllowedAlgorithms = ["RS256", "HS256", "none"] };
        var signingInput = TestSigner.SigningInput(TestSigner.Json(Header("HS256")), TestSigner.Json(Claims()));
        var mac = HMACSHA256.HashData(TestKeys.Rsa.ExportParameters(false).Modulus!, Encoding.ASCII.GetBytes(signingInput));
        await AssertRefused(signingInput + "." + Base64Url.Encode(mac), IdTokenFailure.AlgorithmNotAllowed, withHmac);
    }

    // --- HS256 keyed by the client secret, only for a provider that declares it (LINE; OIDC Core §10.1) ---

    private const string ClientSecret = "8d2b5e1f9c3a4b6d7e0f1a2b3c4d5e6f"; // a LINE channel secret: 32 hex characters, 256 bits

    private static IdTokenExpectations ExpectedWithSecret => Expected with { ClientSecret = ClientSecret };

    private static string Hs256(Dictionary<string, object?> claims, string secret, string alg = "HS256", string? kid = null)
    {
        var signingInput = TestSigner.SigningInput(TestSigner.Json(Header(alg, kid)), TestSigner.Json(claims));
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.ASCII.GetBytes(signingInput);
        var mac = alg switch { "HS384" => HMACSHA384.HashData(key, data), "HS512" => HMACSHA512.HashData(key, data), _ => HMACSHA256.HashData(key, data) };
        return signingInput + "." + Base64Url.Encode(mac);
    }

    [Fact]
    public async Task Hs256SignedWithTheDeclaredClientSecretIsAcceptedWithoutTheJwks()
    {
        var result = await AssertAccepted(Hs256(Claims(), ClientSecret), ExpectedWithSecret);
        Assert.Equal("user-1", result.Claims.GetProperty("sub").GetString());
        Assert.Equal(0, fetch.Count);
    }

    [Fact]
    public async Task Hs256SignedWithTheClientSecretIsRefusedForAProviderThatDoesNotDeclareIt()
    {
        await AssertRefused(Hs256(Claims(), ClientSecret), IdTokenFailure.AlgorithmNotAllowed);
        Assert.Equal(0, fetch.Count);
    }

    [Fact]
    public async Task Hs256SignedWithAnotherSecretIsRefused()
    {
        await AssertRefused(Hs256(Claims(), "not-the-channel-secret-0000000"), IdTokenFailure.BadSignature, ExpectedWithSecret);
        await AssertRefused(Hs256(Claims(), ClientSecret + "x"), IdTokenFailure.BadSignature, ExpectedWithSecret);
    }

    [Fact]
    public async Task Hs256KeyedByThePublicKeyIsRefusedEvenWhereHs256IsDeclared()
    {
        var signingInput = TestSigner.SigningInput(TestSigner.Json(Header("HS256")), TestSigner.Json(Claims()));
        var data = Encoding.ASCII.GetBytes(signingInput);
        byte[][] keys = [Encoding.ASCII.GetBytes(TestKeys.Rsa.ExportSubjectPublicKeyInfoPem()), TestKeys.Rsa.ExportParameters(false).Modulus!];
        foreach (var key in keys)
        {
            await AssertRefused(signingInput + "." + Base64Url.Encode(HMACSHA256.HashData(key, data)), IdTokenFailure.BadSignature, ExpectedWithSecret);
        }
    }

    [Fact]
    public async Task Hs256KeyedByAClientSecretUnder256BitsIsRefused()
    {
        const string shortSecret = "0123456789abcdef0123456789abcde"; // 31 octets
        await AssertRefused(Hs256(Claims(), shortSecret), IdTokenFailure.BadSignature, Expected with { ClientSecret = shortSecret });
    }

    [Theory]
    [InlineData("HS384")]
    [InlineData("HS512")]
    public async Task OtherHmacAlgorithmsWithTheClientSecretAreRefused(string alg) =>
        await AssertRefused(Hs256(Claims(), ClientSecret, alg), IdTokenFailure.AlgorithmNotAllowed, ExpectedWithSecret);

    [Fact]
    public async Task AlgNoneIsRefusedWhereHs256IsDeclared()
    {
        var token = TestSigner.Token(TestSigner.Json(Header("none")), TestSigner.Json(Claims()), "none", null);
        await AssertRefused(token, IdTokenFailure.AlgorithmNotAllowed, ExpectedWithSecret);
    }

    [Fact]
    public async Task AsymmetricTokensStillVerifyWithTheJwksWhereHs256IsDeclared()
    {
        await AssertAccepted(Token(alg: "ES256", kid: "ec-1"), ExpectedWithSecret);
        await AssertAccepted(Token(), ExpectedWithSecret);
        await AssertRefused(Token(kid: "unknown"), IdTokenFailure.UnknownKey, ExpectedWithSecret);
    }

    [Fact]
    public async Task Hs256ClaimsAreCheckedLikeAnyOther()
    {
        var claims = Claims();
        claims["aud"] = "some-other-client";
        await AssertRefused(Hs256(claims, ClientSecret), IdTokenFailure.WrongAudience, ExpectedWithSecret);
        claims = Claims();
        claims["nonce"] = "not-the-nonce";
        await AssertRefused(Hs256(claims, ClientSecret), IdTokenFailure.NonceMismatch, ExpectedWithSecret);
        claims = Claims();
        claims["exp"] = Now - 3600;
        await AssertRefused(Hs256(claims, ClientSecret), IdTokenFailure.Expired, ExpectedWithSecret);
        claims = Claims();
        claims["at_hash"] = IdTokenValidator.AccessTokenHash("another-access-token", "HS256");
        await AssertRefused(Hs256(claims, ClientSecret), IdTokenFailure.AccessTokenHashMismatch, ExpectedWithSecret with { AccessToken = "the-access-token" });
        claims["at_hash"] = IdTokenValidator.AccessTokenHash("the-access-token", "HS256");
        await AssertAccepted(Hs256(claims, ClientSecret), ExpectedWithSecret with { AccessToken = "the-access-token" });
    }

    // --- keys ---

    [Fact]
    public async Task UnknownKidIsRefused()
    {
        await AssertRefused(Token(kid: "rsa-9", key: TestKeys.OtherRsa), IdTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task UnknownKidTriggersExactlyOneRefetch()
    {
        await AssertAccepted(Token());
        time.Advance(TimeSpan.FromMinutes(1));

        await AssertRefused(Token(kid: "rsa-9", key: TestKeys.OtherRsa), IdTokenFailure.UnknownKey);
        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task RotatedKeyIsAcceptedAfterTheRefetch()
    {
        await AssertAccepted(Token());
        fetch.Json = Jwks.Document(Jwks.Rsa(TestKeys.OtherRsa, "rsa-2"));
        time.Advance(TimeSpan.FromMinutes(1));

        await AssertAccepted(Token(kid: "rsa-2", key: TestKeys.OtherRsa));
    }

    [Fact]
    public async Task RandomKidsDoNotRefetchMoreThanOncePerInterval()
    {
        await AssertAccepted(Token());
        time.Advance(TimeSpan.FromMinutes(1));

        for (var i = 0; i < 20; i++)
        {
            await AssertRefused(Token(kid: Guid.NewGuid().ToString("N"), key: TestKeys.OtherRsa), IdTokenFailure.UnknownKey);
        }

        Assert.Equal(2, fetch.Count);
    }

    [Fact]
    public async Task TokenWithoutKidUsesTheOnlyKeyThatFits()
    {
        await AssertAccepted(Token(kid: null));
        await AssertAccepted(Token(alg: "ES256", kid: null));
    }

    [Fact]
    public async Task TokenWithoutKidAndSeveralFittingKeysIsRefused()
    {
        fetch.Json = Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1"), Jwks.Rsa(TestKeys.OtherRsa, "rsa-2"));
        await AssertRefused(Token(kid: null), IdTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task KeyWhoseKtyDoesNotFitTheAlgIsNeverUsed()
    {
        fetch.Json = Jwks.Document(Jwks.Ec(TestKeys.Ec, "shared"), Jwks.Rsa(TestKeys.OtherRsa, "other"));
        await AssertRefused(Token(kid: "shared"), IdTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task KeyAlgConstrainsItsUse()
    {
        fetch.Json = Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1", alg: "RS256"));
        await AssertAccepted(Token());
        await AssertRefused(Token(alg: "PS256"), IdTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task RsaKeyUnder2048BitsIsRefused()
    {
        fetch.Json = Jwks.Document(Jwks.Rsa(TestKeys.WeakRsa, "weak"));
        await AssertRefused(Token(kid: "weak", key: TestKeys.WeakRsa), IdTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task EncryptionKeyIsNotUsedForSignatures()
    {
        fetch.Json = Jwks.Document(Jwks.Rsa(TestKeys.Rsa, "rsa-1", use: "enc"));
        await AssertRefused(Token(), IdTokenFailure.UnknownKey);
    }

    [Fact]
    public async Task EmbeddedJwkHeaderIsNotTrusted()
    {
        var header = Header(kid: "rsa-1");
        header["jwk"] = Jwks.Rsa(TestKeys.OtherRsa, "rsa-1");
        header["jku"] = "https://attacker.example/jwks";
        header["x5u"] = "https://attacker.example/cert";
        var token = TestSigner.Token(header, Claims(), TestKeys.OtherRsa);

        await AssertRefused(token, IdTokenFailure.BadSignature);
        Assert.Equal([JwksUri], fetch.Addresses);
    }

    [Fact]
    public async Task KeysUnavailableWhenTheFetchFails()
    {
        fetch.Failure = CountingRetriever.Unreachable();
        await AssertRefused(Token(), IdTokenFailure.KeysUnavailable);
    }

    [Fact]
    public async Task MalformedJwksIsRefused()
    {
        fetch.Json = """{"keys":"nope"}""";
        await AssertRefused(Token(), IdTokenFailure.KeysRefused);
    }

    // --- signature ---

    [Fact]
    public async Task TamperedPayloadIsRefused()
    {
        var token = Token();
        var parts = token.Split('.');
        var claims = Claims();
        claims["sub"] = "admin";
        var forged = parts[0] + "." + Base64Url.Encode(TestSigner.Json(claims)) + "." + parts[2];

        await AssertRefused(forged, IdTokenFailure.BadSignature);
    }

    [Fact]
    public async Task SignatureByAnotherKeyWithTheSameKidIsRefused() =>
        await AssertRefused(Token(key: TestKeys.OtherRsa), IdTokenFailure.BadSignature);

    [Fact]
    public async Task EmptySignatureIsRefused()
    {
        var token = Token();
        await AssertRefused(token[..(token.LastIndexOf('.') + 1)], IdTokenFailure.BadSignature);
    }

    [Fact]
    public async Task Es256DerSignatureIsRefused()
    {
        var signingInput = TestSigner.SigningInput(TestSigner.Json(Header("ES256", "ec-1")), TestSigner.Json(Claims()));
        var der = TestKeys.Ec.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        await AssertRefused(signingInput + "." + Base64Url.Encode(der), IdTokenFailure.BadSignature);
    }

    [Fact]
    public async Task Ps256WithAnotherSaltLengthIsRefused()
    {
        var signingInput = TestSigner.SigningInput(TestSigner.Json(Header("PS256")), TestSigner.Json(Claims()));
        var data = Encoding.ASCII.GetBytes(signingInput);

        await AssertAccepted(signingInput + "." + Base64Url.Encode(TestSigner.PssSign(TestKeys.Rsa, data, 32)));
        foreach (var saltLength in new[] { 0, 20, 64 })
        {
            await AssertRefused(signingInput + "." + Base64Url.Encode(TestSigner.PssSign(TestKeys.Rsa, data, saltLength)), IdTokenFailure.BadSignature);
        }
    }

    [Fact]
    public async Task Rs256SignatureUnderAPs256HeaderIsRefused()
    {
        var signingInput = TestSigner.SigningInput(TestSigner.Json(Header("PS256")), TestSigner.Json(Claims()));
        var pkcs1 = TestSigner.Sign("RS256", Encoding.ASCII.GetBytes(signingInput), TestKeys.Rsa);

        await AssertRefused(signingInput + "." + Base64Url.Encode(pkcs1), IdTokenFailure.BadSignature);
    }

    // --- issuer ---

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://issuer.example/")]
    [InlineData("https://ISSUER.example")]
    [InlineData("https://issuer.example ")]
    [InlineData("")]
    public async Task WrongIssuerIsRefused(string issuer)
    {
        var claims = Claims();
        claims["iss"] = issuer;
        await AssertRefused(Token(claims), IdTokenFailure.WrongIssuer);
    }

    [Fact]
    public async Task MissingIssuerIsRefused()
    {
        var claims = Claims();
        claims.Remove("iss");
        await AssertRefused(Token(claims), IdTokenFailure.WrongIssuer);
    }

    // --- subject ---

    [Fact]
    public async Task MissingSubIsRefused()
    {
        var claims = Claims();
        claims.Remove("sub");
        await AssertRefused(Token(claims), IdTokenFailure.MissingClaim);
    }

    [Fact]
    public async Task EmptySubIsRefused()
    {
        var claims = Claims();
        claims["sub"] = "";
        await AssertRefused(Token(claims), IdTokenFailure.MissingClaim);
    }

    // --- audience ---

    [Fact]
    public async Task WrongAudienceIsRefused()
    {
        var claims = Claims();
        claims["aud"] = "client-999";
        await AssertRefused(Token(claims), IdTokenFailure.WrongAudience);

        claims["aud"] = new[] { "client-999" };
        await AssertRefused(Token(claims), IdTokenFailure.WrongAudience);

        claims["aud"] = Array.Empty<string>();
        await AssertRefused(Token(claims), IdTokenFailure.WrongAudience);
    }

    [Fact]
    public async Task MissingAudienceIsRefused()
    {
        var claims = Claims();
        claims.Remove("aud");
        await AssertRefused(Token(claims), IdTokenFailure.WrongAudience);
    }

    [Fact]
    public async Task SingleAudienceArrayIsAccepted()
    {
        var claims = Claims();
        claims["aud"] = new[] { ClientId };
        await AssertAccepted(Token(claims));
    }

    [Fact]
    public async Task MultipleAudiencesRequireAzp()
    {
        var claims = Claims();
        claims["aud"] = new[] { "another-service", ClientId };
        await AssertRefused(Token(claims), IdTokenFailure.WrongAudience);

        claims["azp"] = ClientId;
        await AssertAccepted(Token(claims));
    }

    [Fact]
    public async Task AzpThatIsNotUsIsRefused()
    {
        var claims = Claims();
        claims["aud"] = new[] { "another-service", ClientId };
        claims["azp"] = "another-service";
        await AssertRefused(Token(claims), IdTokenFailure.WrongAudience);

        claims["aud"] = ClientId;
        await AssertRefused(Token(claims), IdTokenFailure.WrongAudience);
    }

    [Fact]
    public async Task AudienceOfTheWrongTypeIsMalformed()
    {
        var claims = Claims();
        claims["aud"] = new object[] { ClientId, 7 };
        await AssertRefused(Token(claims), IdTokenFailure.Malformed);

        claims["aud"] = 123;
        await AssertRefused(Token(claims), IdTokenFailure.Malformed);
    }

    // --- time ---

    [Fact]
    public async Task ExpiredBeyondSkewIsRefused()
    {
        var claims = Claims();
        claims["exp"] = Now - 121;
        await AssertRefused(Token(claims), IdTokenFailure.Expired);

        claims["exp"] = Now - 120;
        await AssertRefused(Token(claims), IdTokenFailure.Expired);
    }

    [Fact]
    public async Task ExpiredWithinSkewIsAccepted()
    {
        var claims = Claims();
        claims["exp"] = Now - 119;
        await AssertAccepted(Token(claims));
    }

    [Fact]
    public async Task ClockSkewIsConfigurable()
    {
        var claims = Claims();
        claims["exp"] = Now - 10;
        await AssertRefused(Token(claims), IdTokenFailure.Expired, Expected with { ClockSkew = TimeSpan.Zero });
    }

    [Fact]
    public async Task ExpiryFollowsTheTimeProvider()
    {
        var token = Token();
        await AssertAccepted(token);

        time.Advance(TimeSpan.FromMinutes(12));
        await AssertRefused(token, IdTokenFailure.Expired);
    }

    [Fact]
    public async Task FractionalNumericDatesAreHonoured()
    {
        var claims = Claims();
        claims["exp"] = Now - 119.5;
        claims["iat"] = Now - 10.25;
        await AssertAccepted(Token(claims));

        claims["exp"] = Now - 120.5;
        await AssertRefused(Token(claims), IdTokenFailure.Expired);
    }

    [Fact]
    public async Task MissingExpIsRefused()
    {
        var claims = Claims();
        claims.Remove("exp");
        await AssertRefused(Token(claims), IdTokenFailure.MissingClaim);
    }

    [Fact]
    public async Task ExpAsAStringIsMalformed()
    {
        var claims = Claims();
        claims["exp"] = (Now + 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await AssertRefused(Token(claims), IdTokenFailure.Malformed);
    }

    [Fact]
    public async Task IatInTheFutureBeyondSkewIsRefused()
    {
        var claims = Claims();
        claims["iat"] = Now + 121;
        await AssertRefused(Token(claims), IdTokenFailure.NotYetValid);
    }

    [Fact]
    public async Task IatInTheFutureWithinSkewIsAccepted()
    {
        var claims = Claims();
        claims["iat"] = Now + 119;
        await AssertAccepted(Token(claims));
    }

    [Fact]
    public async Task MissingIatIsRefused()
    {
        var claims = Claims();
        claims.Remove("iat");
        await AssertRefused(Token(claims), IdTokenFailure.MissingClaim);
    }

    [Fact]
    public async Task IatOlderThanTheMaxAgeIsRefused()
    {
        var claims = Claims();
        claims["iat"] = Now - 3600 - 121;
        await AssertRefused(Token(claims), IdTokenFailure.Expired);

        claims["iat"] = Now - 3600 - 119;
        await AssertAccepted(Token(claims));
    }

    [Fact]
    public async Task MaxAgeNullAcceptsAnyPastIat()
    {
        var claims = Claims();
        claims["iat"] = Now - 86_400 * 30;
        await AssertAccepted(Token(claims), Expected with { MaxAge = null });
    }

    [Fact]
    public async Task NbfInTheFutureBeyondSkewIsRefused()
    {
        var claims = Claims();
        claims["nbf"] = Now + 121;
        await AssertRefused(Token(claims), IdTokenFailure.NotYetValid);
    }

    [Fact]
    public async Task NbfWithinSkewIsAccepted()
    {
        var claims = Claims();
        claims["nbf"] = Now + 119;
        await AssertAccepted(Token(claims));
    }

    [Fact]
    public async Task NbfOfTheWrongTypeIsMalformed()
    {
        var claims = Claims();
        claims["nbf"] = "soon";
        await AssertRefused(Token(claims), IdTokenFailure.Malformed);
    }

    // --- nonce ---

    [Fact]
    public async Task NonceMismatchIsRefused()
    {
        var claims = Claims();
        claims["nonce"] = "n-0S6_WzA2Mk";
        await AssertRefused(Token(claims), IdTokenFailure.NonceMismatch);

        claims["nonce"] = Nonce + "x";
        await AssertRefused(Token(claims), IdTokenFailure.NonceMismatch);

        claims["nonce"] = "";
        await AssertRefused(Token(claims), IdTokenFailure.NonceMismatch);
    }

    [Fact]
    public async Task MissingNonceWhenExpectedIsRefused()
    {
        var claims = Claims();
        claims.Remove("nonce");
        await AssertRefused(Token(claims), IdTokenFailure.NonceMismatch);
    }

    [Fact]
    public async Task NonceOfTheWrongTypeIsMalformed()
    {
        var claims = Claims();
        claims["nonce"] = new[] { Nonce };
        await AssertRefused(Token(claims), IdTokenFailure.Malformed);
    }

    [Fact]
    public async Task NonceIsNotRequiredWhenNoneWasSent()
    {
        var claims = Claims();
        await AssertAccepted(Token(claims), Expected with { Nonce = null });

        claims.Remove("nonce");
        await AssertAccepted(Token(claims), Expected with { Nonce = null });
    }

    [Fact]
    public async Task NonAsciiNonceIsComparedExactly()
    {
        var claims = Claims();
        claims["nonce"] = "ñonce-é";
        await AssertAccepted(Token(claims), Expected with { Nonce = "ñonce-é" });
        await AssertRefused(Token(claims), IdTokenFailure.NonceMismatch, Expected with { Nonce = "ñonce-e" });
    }

    // --- order and hygiene ---

    [Fact]
    public async Task ClaimsAreNotCheckedBeforeTheSignature()
    {
        var claims = Claims();
        claims["iss"] = "https://evil.example";
        await AssertRefused(Token(claims, key: TestKeys.OtherRsa), IdTokenFailure.BadSignature);
    }

    [Fact]
    public async Task DetailNeverContainsTheTokenOrAnyPartOfIt()
    {
        const string marker = "ZZMARKERZZ";
        var failing = new List<string>();

        var claims = Claims();
        claims["iss"] = marker;
        failing.Add(Token(claims));
        claims = Claims();
        claims["aud"] = marker;
        failing.Add(Token(claims));
        claims = Claims();
        claims["nonce"] = marker;
        failing.Add(Token(claims));
        claims = Claims();
        claims["exp"] = 1;
        claims["sub"] = marker;
        failing.Add(Token(claims));
        failing.Add(Token(kid: marker, key: TestKeys.OtherRsa));
        failing.Add(TestSigner.SigningInput($$"""{"alg":"{{marker}}"}""", "{}") + ".AAAA");
        failing.Add(TestSigner.SigningInput($$"""{"alg":"RS256","crit":["{{marker}}"]}""", "{}") + ".AAAA");
        failing.Add(marker);
        failing.Add(Token(key: TestKeys.OtherRsa));

        foreach (var token in failing)
        {
            var result = await Validate(token);
            Assert.False(result.Succeeded);
            Assert.NotNull(result.Detail);
            Assert.DoesNotContain(marker, result.Detail, StringComparison.Ordinal);
            foreach (var part in token.Split('.').Where(part => part.Length >= 4))
            {
                Assert.DoesNotContain(part, result.Detail, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task MalformedTokenIsRefusedWithoutFetchingKeys()
    {
        await AssertRefused("not.a.token", IdTokenFailure.Malformed);
        Assert.Equal(0, fetch.Count);
    }

    [Fact]
    public async Task CancellationPropagates()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => validator.ValidateAsync(Token(), Expected, cancellation.Token));
    }

    [Fact]
    public async Task EmptyExpectedNonceIsAProgrammingError()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Validate(Token(), Expected with { Nonce = "" }));
        await Assert.ThrowsAsync<ArgumentException>(() => Validate(Token(), Expected with { Audience = "" }));
    }

    [Fact]
    public async Task ClaimsOutliveTheValidation()
    {
        var result = await AssertAccepted(Token());
        var copy = JsonNode.Parse(result.Claims.GetRawText());
        Assert.Equal("user-1", (string?)copy!["sub"]);
    }

    // --- size and form ---

    [Fact]
    public async Task OversizedTokenIsRefusedWithoutFetchingKeys()
    {
        var claims = Claims();
        claims["padding"] = new string('a', IdTokenValidator.MaxTokenLength);
        await AssertRefused(Token(claims), IdTokenFailure.TooLarge);
        Assert.Equal(0, fetch.Count);
    }

    [Fact]
    public async Task TokenJustUnderTheSizeLimitIsAccepted()
    {
        var claims = Claims();
        claims["padding"] = "";
        var room = IdTokenValidator.MaxTokenLength - Token(claims).Length;
        claims["padding"] = new string('a', room * 3 / 4 - 4);
        var token = Token(claims);
        Assert.InRange(token.Length, IdTokenValidator.MaxTokenLength - 16, IdTokenValidator.MaxTokenLength);
        await AssertAccepted(token);
    }

    [Fact]
    public async Task CritHeaderIsRefused()
    {
        var header = Header();
        header["crit"] = new[] { "exp" };
        await AssertRefused(TestSigner.Token(header, Claims(), TestKeys.Rsa), IdTokenFailure.Malformed);
    }

    [Fact]
    public async Task EncryptedTokenIsRefused() =>
        await AssertRefused(Base64Url.Encode("""{"alg":"RSA-OAEP","enc":"A256GCM"}""") + ".AAAA.AAAA.AAAA.AAAA", IdTokenFailure.Malformed);

    [Fact]
    public async Task JkuAndX5uOfAnUnknownKidAreNeverFetched()
    {
        var header = Header(kid: "attacker-1");
        header["jku"] = "https://attacker.example/jwks";
        header["x5u"] = "https://attacker.example/cert";
        header["jwk"] = Jwks.Rsa(TestKeys.OtherRsa, "attacker-1");
        var token = TestSigner.Token(header, Claims(), TestKeys.OtherRsa);

        await AssertRefused(token, IdTokenFailure.UnknownKey);
        Assert.All(fetch.Addresses, a => Assert.Equal(JwksUri, a)); // the issuer's JWKS (and its one refetch), nothing else
    }

    // --- at_hash (OIDC Core §3.1.3.6) ---

    private const string AccessToken = "ya29.a0-access-token-of-the-code-exchange";

    private static string AtHash(string accessToken) =>
        Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16).ToArray());

    [Fact]
    public async Task AtHashOfTheAccessTokenIsAccepted()
    {
        var claims = Claims();
        claims["at_hash"] = AtHash(AccessToken);
        await AssertAccepted(Token(claims), Expected with { AccessToken = AccessToken });
        await AssertAccepted(Token(claims, alg: "ES256", kid: "ec-1"), Expected with { AccessToken = AccessToken });
    }

    [Fact]
    public async Task AtHashOfAnotherAccessTokenIsRefused()
    {
        var claims = Claims();
        claims["at_hash"] = AtHash("another-access-token");
        await AssertRefused(Token(claims), IdTokenFailure.AccessTokenHashMismatch, Expected with { AccessToken = AccessToken });
    }

    [Fact]
    public async Task AtHashOfTheWholeHashIsRefused()
    {
        var claims = Claims();
        claims["at_hash"] = Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(AccessToken)));
        await AssertRefused(Token(claims), IdTokenFailure.AccessTokenHashMismatch, Expected with { AccessToken = AccessToken });
    }

    [Fact]
    public async Task AtHashIsOptional() => await AssertAccepted(Token(), Expected with { AccessToken = AccessToken });

    [Fact]
    public void AccessTokenHashFollowsTheSpecExample()
    {
        // OIDC Core A.3/A.4: the access token "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y" has at_hash "77QmUPtjPfzWtF2AnpK9RQ"
        Assert.Equal("77QmUPtjPfzWtF2AnpK9RQ", IdTokenValidator.AccessTokenHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256"));
    }

    // --- a refresh's id_token (OIDC Core §12.2) ---

    [Fact]
    public async Task SubjectOtherThanTheAccountsIsRefused() =>
        await AssertRefused(Token(), IdTokenFailure.WrongSubject, Expected with { Nonce = null, Subject = "user-2" });

    [Fact]
    public async Task SameSubjectWithoutNonceIsAccepted()
    {
        var claims = Claims();
        claims.Remove("nonce");
        await AssertAccepted(Token(claims), Expected with { Nonce = null, Subject = "user-1" });
    }
}

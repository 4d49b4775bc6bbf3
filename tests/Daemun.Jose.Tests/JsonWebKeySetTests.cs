using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Daemun.Jose.Tests.Support;
using Daemun.Protocol.Jose;

namespace Daemun.Jose.Tests;

public sealed class JsonWebKeySetTests
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("header.payload");

    private static JsonWebKeySet Parse(params JsonObject[] keys) => JsonWebKeySet.Parse(Jwks.Document(keys));

    private static JsonWebKey Single(JsonObject key)
    {
        var set = Parse(key);
        return Assert.Single(set.Keys);
    }

    private static void AssertLeftOut(JsonObject key)
    {
        var set = Parse(key);
        Assert.Empty(set.Keys);
        Assert.Equal(1, set.SkippedKeyCount);
    }

    [Fact]
    public void RsaAndEcKeysAreRead()
    {
        var set = Parse(Jwks.Rsa(TestKeys.Rsa, "rsa-1", "RS256", "sig"), Jwks.Ec(TestKeys.Ec, "ec-1"));

        Assert.Equal(2, set.Keys.Count);
        Assert.Equal(("rsa-1", "RSA", "RS256", 2048), (set.Keys[0].KeyId, set.Keys[0].KeyType, set.Keys[0].Algorithm, set.Keys[0].KeySizeInBits));
        Assert.Equal(("ec-1", "EC", (string?)null, 256), (set.Keys[1].KeyId, set.Keys[1].KeyType, set.Keys[1].Algorithm, set.Keys[1].KeySizeInBits));
    }

    [Fact]
    public void RsaKeyVerifiesRs256AndPs256()
    {
        var key = Single(Jwks.Rsa(TestKeys.Rsa, "rsa-1"));
        Assert.True(key.Verify("RS256", Data, TestSigner.Sign("RS256", Data, TestKeys.Rsa)));
        Assert.True(key.Verify("PS256", Data, TestSigner.Sign("PS256", Data, TestKeys.Rsa)));
        Assert.False(key.Verify("RS256", Data, TestSigner.Sign("RS256", Data, TestKeys.OtherRsa)));
    }

    [Fact]
    public void EcKeyVerifiesEs256()
    {
        var key = Single(Jwks.Ec(TestKeys.Ec, "ec-1"));
        Assert.True(key.Verify("ES256", Data, TestSigner.Sign("ES256", Data, TestKeys.Ec)));
        Assert.False(key.Verify("ES256", Data, TestSigner.Sign("ES256", Data, TestKeys.OtherEc)));
    }

    [Fact]
    public void RsaKeyUnder2048BitsIsRefused() => AssertLeftOut(Jwks.Rsa(TestKeys.WeakRsa, "weak"));

    [Fact]
    public void RsaKeyOf2047BitsIsRefused()
    {
        var jwk = Jwks.Rsa(TestKeys.Rsa, "short");
        var modulus = TestKeys.Rsa.ExportParameters(false).Modulus!;
        modulus[0] = 0x7F; // top bit clear: 2047 bits in 256 bytes
        jwk["n"] = Base64Url.Encode(modulus);
        AssertLeftOut(jwk);
    }

    [Fact]
    public void RsaKeyLongerThan8192BitsIsRefused()
    {
        var modulus = new byte[1025]; // 8193 bits
        RandomNumberGenerator.Fill(modulus);
        modulus[0] = 0x01;
        modulus[^1] |= 0x01;
        var jwk = Jwks.Rsa(TestKeys.Rsa, "huge");
        jwk["n"] = Base64Url.Encode(modulus);
        AssertLeftOut(jwk);
    }

    [Fact]
    public void RsaModulusWithALeadingZeroOctetIsRead()
    {
        var jwk = Jwks.Rsa(TestKeys.Rsa, "rsa-1");
        jwk["n"] = Base64Url.Encode([0, .. TestKeys.Rsa.ExportParameters(false).Modulus!]);
        var key = Single(jwk);
        Assert.Equal(2048, key.KeySizeInBits);
        Assert.True(key.Verify("RS256", Data, TestSigner.Sign("RS256", Data, TestKeys.Rsa)));
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 0, 1 })]
    [InlineData(new byte[] { 1, 0, 0 })]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 1 })]
    public void RsaExponentThatIsOneEvenEmptyOrHugeIsRefused(byte[] exponent)
    {
        var jwk = Jwks.Rsa(TestKeys.Rsa, "rsa-1");
        jwk["e"] = Base64Url.Encode(exponent);
        AssertLeftOut(jwk);
    }

    [Fact]
    public void PrivateParametersAreIgnored()
    {
        var parameters = TestKeys.Rsa.ExportParameters(true);
        var jwk = Jwks.Rsa(TestKeys.Rsa, "rsa-1");
        jwk["d"] = Base64Url.Encode(parameters.D!);
        jwk["p"] = Base64Url.Encode(parameters.P!);
        jwk["q"] = Base64Url.Encode(parameters.Q!);
        var key = Single(jwk);
        Assert.True(key.Verify("RS256", Data, TestSigner.Sign("RS256", Data, TestKeys.Rsa)));
    }

    [Fact]
    public void EncryptionKeysAreLeftOut()
    {
        AssertLeftOut(Jwks.Rsa(TestKeys.Rsa, "rsa-1", use: "enc"));
        AssertLeftOut(Jwks.Rsa(TestKeys.Rsa, "rsa-1", use: "SIG"));
        Single(Jwks.Rsa(TestKeys.Rsa, "rsa-1", use: "sig"));
    }

    [Fact]
    public void KeyOpsWithoutVerifyAreLeftOut()
    {
        var jwk = Jwks.Rsa(TestKeys.Rsa, "rsa-1");
        jwk["key_ops"] = new JsonArray("encrypt", "wrapKey");
        AssertLeftOut(jwk);

        jwk["key_ops"] = new JsonArray("verify");
        Single(jwk);
    }

    [Fact]
    public void UnsupportedKeyTypesAreLeftOut()
    {
        AssertLeftOut(new JsonObject { ["kty"] = "oct", ["kid"] = "hmac", ["k"] = "c2VjcmV0" });
        AssertLeftOut(new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = Base64Url.Encode(new byte[32]) });
        AssertLeftOut(new JsonObject { ["kty"] = "rsa", ["n"] = "AQAB", ["e"] = "AQAB" });
        AssertLeftOut(new JsonObject { ["kid"] = "no-kty" });
    }

    [Fact]
    public void EcKeyOnAnotherCurveIsLeftOut() => AssertLeftOut(Jwks.Ec(TestKeys.P384, "p384"));

    [Theory]
    [InlineData("P-384")]
    [InlineData("secp256k1")]
    [InlineData("p-256")]
    public void EcKeyLabelledWithAnotherCurveIsLeftOut(string curve)
    {
        var jwk = Jwks.Ec(TestKeys.Ec, "ec-1");
        jwk["crv"] = curve;
        AssertLeftOut(jwk);
    }

    [Fact]
    public void EcPointOffTheCurveIsLeftOut()
    {
        var jwk = Jwks.Ec(TestKeys.Ec, "ec-1");
        var y = TestKeys.Ec.ExportParameters(false).Q.Y!;
        y[^1] ^= 1;
        jwk["y"] = Base64Url.Encode(y);
        AssertLeftOut(jwk);
    }

    [Fact]
    public void EcCoordinatesOfTheWrongLengthAreLeftOut()
    {
        var jwk = Jwks.Ec(TestKeys.Ec, "ec-1");
        jwk["x"] = Base64Url.Encode([0, .. TestKeys.Ec.ExportParameters(false).Q.X!]);
        AssertLeftOut(jwk);
    }

    [Fact]
    public void PaddedBase64InAKeyIsLeftOut()
    {
        var jwk = Jwks.Rsa(TestKeys.Rsa, "rsa-1");
        jwk["n"] = Convert.ToBase64String(TestKeys.Rsa.ExportParameters(false).Modulus!);
        AssertLeftOut(jwk);
    }

    [Fact]
    public void MembersOfTheWrongTypeLeaveTheKeyOut()
    {
        var jwk = Jwks.Rsa(TestKeys.Rsa, "rsa-1");
        jwk["kid"] = 1;
        AssertLeftOut(jwk);
        jwk = Jwks.Rsa(TestKeys.Rsa, "rsa-1");
        jwk["alg"] = new JsonArray("RS256");
        AssertLeftOut(jwk);
    }

    [Fact]
    public void KeyAlgConstrainsUse()
    {
        var key = Single(Jwks.Rsa(TestKeys.Rsa, "rsa-1", alg: "RS256"));
        Assert.True(key.Fits("RS256"));
        Assert.False(key.Fits("PS256"));
        Assert.False(key.Verify("PS256", Data, TestSigner.Sign("PS256", Data, TestKeys.Rsa)));
    }

    [Fact]
    public void KeyWithAnUnsupportedOrMismatchedAlgIsLeftOut()
    {
        AssertLeftOut(Jwks.Rsa(TestKeys.Rsa, "rsa-1", alg: "RS512"));
        AssertLeftOut(Jwks.Rsa(TestKeys.Rsa, "rsa-1", alg: "ES256"));
        AssertLeftOut(Jwks.Ec(TestKeys.Ec, "ec-1", alg: "RS256"));
    }

    [Fact]
    public void KeyWhoseKtyDoesNotFitTheAlgIsNeverUsed()
    {
        var rsa = Single(Jwks.Rsa(TestKeys.Rsa, "rsa-1"));
        var ec = Single(Jwks.Ec(TestKeys.Ec, "ec-1"));
        Assert.False(rsa.Fits("ES256"));
        Assert.False(ec.Fits("RS256"));
        Assert.False(ec.Fits("PS256"));
        Assert.False(rsa.Verify("ES256", Data, TestSigner.Sign("ES256", Data, TestKeys.Ec)));
        Assert.False(ec.Verify("RS256", Data, TestSigner.Sign("RS256", Data, TestKeys.Rsa)));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("rs256")]
    [InlineData("RS512")]
    public void VerifyWithAnUnsupportedAlgIsFalse(string alg)
    {
        var key = Single(Jwks.Rsa(TestKeys.Rsa, "rsa-1"));
        var macOverPublicKey = HMACSHA256.HashData(Encoding.ASCII.GetBytes(TestKeys.Rsa.ExportSubjectPublicKeyInfoPem()), Data);
        Assert.False(key.Fits(alg));
        Assert.False(key.Verify(alg, Data, macOverPublicKey));
        Assert.False(key.Verify(alg, Data, TestSigner.Sign("RS256", Data, TestKeys.Rsa)));
    }

    [Fact]
    public void Es256DerSignatureIsRefused()
    {
        var key = Single(Jwks.Ec(TestKeys.Ec, "ec-1"));
        var der = TestKeys.Ec.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        Assert.False(key.Verify("ES256", Data, der));
    }

    [Fact]
    public void RsaSignatureOfTheWrongLengthIsFalse()
    {
        var key = Single(Jwks.Rsa(TestKeys.Rsa, "rsa-1"));
        var signature = TestSigner.Sign("RS256", Data, TestKeys.Rsa);
        Assert.False(key.Verify("RS256", Data, [0, .. signature]));
        Assert.False(key.Verify("RS256", Data, signature.AsSpan(1)));
        Assert.False(key.Verify("RS256", Data, []));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"keys":{}}""")]
    [InlineData("""{"keys":null}""")]
    [InlineData("""{"keys":[1]}""")]
    [InlineData("""{"keys":["RSA"]}""")]
    [InlineData("""{"keys":[],"keys":[]}""")]
    [InlineData("""{"keys":[{"kty":"RSA","kty":"EC"}]}""")]
    [InlineData("""{"keys":[]""")]
    [InlineData("""{"keys":[{"kty":"\ud800"}]}""")]
    public void MalformedJwksThrowsJoseException(string json) => Assert.Throws<JoseException>(() => JsonWebKeySet.Parse(json));

    [Fact]
    public void OversizedJwksThrowsJoseException() =>
        Assert.Throws<JoseException>(() => JsonWebKeySet.Parse($$"""{"keys":[],"pad":"{{new string('x', JsonWebKeySet.MaxDocumentLength)}}"}"""));

    [Fact]
    public void EmptyKeysArrayIsAnEmptySet() => Assert.Empty(JsonWebKeySet.Parse("""{"keys":[]}""").Keys);

    [Fact]
    public void FindSelectsByKidAndAlg()
    {
        var set = Parse(Jwks.Rsa(TestKeys.Rsa, "rsa-1"), Jwks.Rsa(TestKeys.OtherRsa, "rsa-2"), Jwks.Ec(TestKeys.Ec, "ec-1"));

        Assert.Same(set.Keys[1], Assert.Single(set.Find("rsa-2", "RS256")));
        Assert.Same(set.Keys[2], Assert.Single(set.Find("ec-1", "ES256")));
        Assert.Empty(set.Find("ec-1", "RS256"));
        Assert.Empty(set.Find("RSA-1", "RS256"));
        Assert.Empty(set.Find("unknown", "RS256"));
        Assert.Empty(set.Find("rsa-1", "HS256"));
    }

    [Fact]
    public void KidOnTheTokenDoesNotMatchAKeyWithoutKid()
    {
        var set = Parse(Jwks.Rsa(TestKeys.Rsa, kid: null));
        Assert.Empty(set.Find("rsa-1", "RS256"));
    }

    [Fact]
    public void FindWithoutKidUsesTheOnlyKeyThatFitsTheAlg()
    {
        var set = Parse(Jwks.Rsa(TestKeys.Rsa, "rsa-1"), Jwks.Ec(TestKeys.Ec, "ec-1"));
        Assert.Same(set.Keys[0], Assert.Single(set.Find(null, "RS256")));
        Assert.Same(set.Keys[1], Assert.Single(set.Find(null, "ES256")));
    }

    [Fact]
    public void FindWithoutKidAndSeveralFittingKeysFindsNone()
    {
        var set = Parse(Jwks.Rsa(TestKeys.Rsa, "rsa-1"), Jwks.Rsa(TestKeys.OtherRsa, "rsa-2"));
        Assert.Empty(set.Find(null, "RS256"));
    }
}

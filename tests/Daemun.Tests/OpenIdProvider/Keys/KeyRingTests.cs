using System.Buffers.Text;
using System.Security.Cryptography;
using Daemun.OpenIdProvider.Keys;
using Daemun.Providers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.Tests.OpenIdProvider.Keys;

/// <summary>The OpenID Provider's key ring on a real migrated database (the run's store) with a manual clock: keys made on first use and
/// stored encrypted, one set for concurrent instances, the rotation schedule, the algorithm, the configuration checks.</summary>
public sealed class KeyRingTests
{
    private static readonly TimeSpan RotateEvery = TimeSpan.FromDays(90);
    private static readonly TimeSpan PublishAhead = TimeSpan.FromDays(1);
    /// <summary>The longest default token lifetime (refresh token, 14 days) plus the clock-skew allowance.</summary>
    private static readonly TimeSpan RetireAfter = TimeSpan.FromDays(14) + TimeSpan.FromMinutes(5);

    [Fact]
    public async Task FirstUseCreatesOneRsaSigningKeyThatSignsAtOnceAnEncryptionKeyAndAPairwiseSecret()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var ring = database.NewInstance().GetRequiredService<OpenIdKeyRing>();

        await ring.RefreshAsync(CancellationToken.None);

        var rows = await database.RowsAsync();
        Assert.Equal(["enc", "pairwise", "sig"], rows.Select(r => r.Use).Order());
        var signing = Assert.Single(rows, r => r.Use == "sig");
        Assert.Equal("RS256", signing.Algorithm);
        Assert.Equal(database.Clock.GetUtcNow().ToUnixTimeMilliseconds(), signing.SignsFrom);
        Assert.Null(signing.RetiresAt);
        Assert.Equal(signing.Id, ring.Signer.Id);
        Assert.Equal([signing.Id], ring.Published.Select(k => k.Id));
        var rsa = Assert.IsType<RsaSecurityKey>(ring.Signer.Credentials.Key);
        Assert.Equal(2048, rsa.Rsa.KeySize);
        Assert.Equal(signing.Id, rsa.KeyId);
        Assert.Equal("RS256", ring.Signer.Credentials.Algorithm);
        Assert.Equal(32, ring.PairwiseSecret.Length);
        var encryption = Assert.IsType<SymmetricSecurityKey>(ring.Current.Encryption.Key);
        Assert.Equal(256, encryption.KeySize);
        Assert.Contains("OpenID Provider key " + signing.Id + " created (sig, RS256)", database.Logs.All, StringComparison.Ordinal);

        // a second refresh (and a restart) finds them: nothing new
        await ring.RefreshAsync(CancellationToken.None);
        var restarted = database.NewInstance().GetRequiredService<OpenIdKeyRing>();
        await restarted.RefreshAsync(CancellationToken.None);
        Assert.Equal(rows.Select(r => r.Id), (await database.RowsAsync()).Select(r => r.Id));
        Assert.Equal(signing.Id, restarted.Signer.Id);
        Assert.Equal(ring.PairwiseSecret, restarted.PairwiseSecret);
    }

    [Fact]
    public async Task TheStoredMaterialIsNotThePlainKeyAndOpensOnlyThroughTheDataProtectionKeyRing()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var ring = database.NewInstance().GetRequiredService<OpenIdKeyRing>();
        await ring.RefreshAsync(CancellationToken.None);
        var rows = await database.RowsAsync();
        var signing = Assert.Single(rows, r => r.Use == "sig");
        var pkcs8 = ((RsaSecurityKey)ring.Signer.Credentials.Key).Rsa.ExportPkcs8PrivateKey();
        var privateExponent = ((RsaSecurityKey)ring.Signer.Credentials.Key).Rsa.ExportParameters(includePrivateParameters: true).D!;

        foreach (var row in rows)
        {
            Assert.DoesNotContain("\"d\"", row.ProtectedMaterial, StringComparison.Ordinal);
            Assert.DoesNotContain("MII", row.ProtectedMaterial, StringComparison.Ordinal); // the base64 of a DER private key starts so
            var stored = Base64Url.DecodeFromChars(row.ProtectedMaterial);
            Assert.False(Contains(stored, pkcs8), $"{row.Use}: the PKCS#8 key is in the column");
            Assert.False(Contains(stored, privateExponent.AsSpan(0, 16).ToArray()), $"{row.Use}: the private exponent is in the column");
            Assert.False(Contains(stored, ring.PairwiseSecret), $"{row.Use}: the pairwise secret is in the column");
            Assert.DoesNotContain(Convert.ToBase64String(ring.PairwiseSecret), row.ProtectedMaterial, StringComparison.Ordinal);
        }

        // the key ring opens it: the column is the key, protected for this purpose
        var opened = database.DataProtection.CreateProtector(KeyMaterial.Purpose).Unprotect(Base64Url.DecodeFromChars(signing.ProtectedMaterial));
        Assert.Equal(pkcs8, opened);
        Assert.Equal(ring.PairwiseSecret, database.DataProtection.CreateProtector(KeyMaterial.Purpose)
            .Unprotect(Base64Url.DecodeFromChars(Assert.Single(rows, r => r.Use == "pairwise").ProtectedMaterial)));
        Assert.ThrowsAny<CryptographicException>(() => database.DataProtection.CreateProtector("another purpose")
            .Unprotect(Base64Url.DecodeFromChars(signing.ProtectedMaterial)));

        // an instance with another key ring cannot read the keys: it refuses to start rather than make keys of its own
        var stranger = database.NewInstance(dataProtection: new EphemeralDataProtectionProvider()).GetRequiredService<OpenIdKeyRing>();
        var refused = await Assert.ThrowsAsync<KeyUnreadableException>(() => stranger.RefreshAsync(CancellationToken.None));
        Assert.Contains("oidc_keys", refused.Message, StringComparison.Ordinal);
        Assert.Equal(rows.Select(r => r.Id), (await database.RowsAsync()).Select(r => r.Id));
    }

    [Fact]
    public async Task TwoInstancesStartingAndRotatingAtOnceEndWithOneSetOfKeys()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var rings = new[] { database.NewInstance(), database.NewInstance() }.Select(i => i.GetRequiredService<OpenIdKeyRing>()).ToList();

        await TogetherAsync(rings);

        var rows = await database.RowsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal(rings[0].Signer.Id, rings[1].Signer.Id);
        Assert.Equal(rings[0].PairwiseSecret, rings[1].PairwiseSecret);
        Assert.Equal(rings[0].Current.Encryption.Key.KeyId, rings[1].Current.Encryption.Key.KeyId);

        database.Clock.Advance(RotateEvery + TimeSpan.FromMinutes(1));
        await TogetherAsync(rings);

        rows = await database.RowsAsync();
        Assert.Equal(2, rows.Count(r => r.Use == "sig")); // one rotation, not one per instance
        Assert.Equal(rings[0].Published.Select(k => k.Id), rings[1].Published.Select(k => k.Id));
        Assert.Equal(2, rings[0].Published.Count);
    }

    [Fact]
    public async Task ANewKeyIsPublishedBeforeItSignsAndTheOldOneStaysPublishedUntilItsTokensHaveExpired()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var ring = database.NewInstance().GetRequiredService<OpenIdKeyRing>();
        var other = database.NewInstance().GetRequiredService<OpenIdKeyRing>();
        await ring.RefreshAsync(CancellationToken.None);
        var first = ring.Signer.Id;

        // not yet due: nothing new
        database.Clock.Advance(RotateEvery - TimeSpan.FromMinutes(1));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([first], ring.Published.Select(k => k.Id));

        // due: the next key is published at once, the current one still signs
        database.Clock.Advance(TimeSpan.FromMinutes(2));
        await ring.RefreshAsync(CancellationToken.None);
        var rotatedAt = database.Clock.GetUtcNow();
        var next = Assert.Single(ring.Published, k => k.Id != first);
        Assert.Equal(first, ring.Signer.Id);
        Assert.Equal([first, next.Id], ring.Published.Select(k => k.Id));
        Assert.Equal(rotatedAt + PublishAhead, next.SignsFrom);
        var old = Assert.Single(await database.RowsAsync(), r => r.Id == first);
        Assert.Equal((rotatedAt + PublishAhead + RetireAfter).ToUnixTimeMilliseconds(), old.RetiresAt);
        Assert.Contains($"OpenID Provider key {next.Id} created (sig, RS256)", database.Logs.All, StringComparison.Ordinal);

        // another instance reloading sees the same
        await other.RefreshAsync(CancellationToken.None);
        Assert.Equal([first, next.Id], other.Published.Select(k => k.Id));

        // just before its time the new key does not sign
        database.Clock.Advance(PublishAhead - TimeSpan.FromSeconds(1));
        Assert.Equal(first, ring.Signer.Id);

        // from signs_from it signs (without waiting for a reload), the old one is still published
        database.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(next.Id, ring.Signer.Id);
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([next.Id, first], ring.Published.Select(k => k.Id));
        Assert.Contains($"tokens are now signed with key {next.Id}", database.Logs.All, StringComparison.Ordinal);

        // until every token it signed has expired
        database.Clock.Advance(RetireAfter - TimeSpan.FromMinutes(1));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([next.Id, first], ring.Published.Select(k => k.Id));

        // then it is no longer published, and its row is gone
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([next.Id], ring.Published.Select(k => k.Id)); // already by its time
        await ring.RefreshAsync(CancellationToken.None);
        Assert.Equal([next.Id], ring.Published.Select(k => k.Id));
        Assert.DoesNotContain(await database.RowsAsync(), r => r.Id == first);
        Assert.Contains($"signing key {first} retired", database.Logs.All, StringComparison.Ordinal);
        await other.RefreshAsync(CancellationToken.None);
        Assert.Equal([next.Id], other.Published.Select(k => k.Id));
    }

    [Fact]
    public async Task AChangeOfPublishedKeysFiresTheChangeTokenAndAReloadWithoutChangeDoesNot()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var ring = database.NewInstance().GetRequiredService<OpenIdKeyRing>();
        await ring.RefreshAsync(CancellationToken.None);

        var token = ring.GetChangeToken();
        database.Clock.Advance(TimeSpan.FromDays(1));
        await ring.RefreshAsync(CancellationToken.None);
        Assert.False(token.HasChanged);

        database.Clock.Advance(RotateEvery);
        await ring.RefreshAsync(CancellationToken.None);
        Assert.True(token.HasChanged);
        Assert.False(ring.GetChangeToken().HasChanged);
    }

    [Fact]
    public async Task Es256GivesAnEcdsaP256KeyAndSwitchingAlgorithmRotatesToIt()
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var rsa = database.NewInstance().GetRequiredService<OpenIdKeyRing>();
        await rsa.RefreshAsync(CancellationToken.None);
        var first = rsa.Signer.Id;

        var ec = database.NewInstance(new Dictionary<string, string?> { ["Daemun:OpenIdProvider:Keys:Algorithm"] = "ES256" }).GetRequiredService<OpenIdKeyRing>();
        await ec.RefreshAsync(CancellationToken.None);

        // published ahead like any rotation: the RSA key still signs for a day
        Assert.Equal(first, ec.Signer.Id);
        var next = Assert.Single(ec.Published, k => k.Id != first);
        Assert.Equal("ES256", next.Algorithm);
        database.Clock.Advance(PublishAhead);
        Assert.Equal(next.Id, ec.Signer.Id);
        var key = Assert.IsType<ECDsaSecurityKey>(ec.Signer.Credentials.Key);
        Assert.Equal("ES256", ec.Signer.Credentials.Algorithm);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key.ECDsa.ExportParameters(includePrivateParameters: false).Curve.Oid.Value);
        Assert.Equal(256, key.KeySize);

        // a fresh database with ES256 starts with an EC key
        await using var fresh = await KeyRingDatabase.CreateAsync();
        var only = fresh.NewInstance(new Dictionary<string, string?> { ["Daemun:OpenIdProvider:Keys:Algorithm"] = "ES256" }).GetRequiredService<OpenIdKeyRing>();
        await only.RefreshAsync(CancellationToken.None);
        Assert.IsType<ECDsaSecurityKey>(only.Signer.Credentials.Key);
        Assert.Equal("ES256", Assert.Single(await fresh.RowsAsync(), r => r.Use == "sig").Algorithm);
    }

    [Theory]
    [InlineData("Algorithm", "HS256", "Daemun:OpenIdProvider:Keys:Algorithm")]
    [InlineData("Algorithm", "rs256", "Daemun:OpenIdProvider:Keys:Algorithm")]
    [InlineData("RotateEvery", "00:00:00", "Daemun:OpenIdProvider:Keys:RotateEvery")]
    [InlineData("PublishAhead", "90.00:00:00", "Daemun:OpenIdProvider:Keys:PublishAhead")]
    [InlineData("ReloadEvery", "00:00:00", "Daemun:OpenIdProvider:Keys:ReloadEvery")]
    public async Task AKeySettingThatCannotWorkIsRefusedNamingItsKey(string name, string value, string key)
    {
        await using var database = await KeyRingDatabase.CreateAsync();
        var instance = database.NewInstance(new Dictionary<string, string?> { [$"Daemun:OpenIdProvider:Keys:{name}"] = value });

        var refused = Assert.Throws<DaemunConfigurationException>(() => instance.GetRequiredService<OpenIdKeyRing>());

        Assert.Equal(key, refused.Key);
        Assert.Empty(await database.RowsAsync());
    }

    private static async Task TogetherAsync(List<OpenIdKeyRing> rings)
    {
        using var start = new SemaphoreSlim(0);
        var refreshes = rings.Select(async r =>
        {
            await start.WaitAsync();
            await r.RefreshAsync(CancellationToken.None);
        }).ToList();
        start.Release(rings.Count);
        await Task.WhenAll(refreshes);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

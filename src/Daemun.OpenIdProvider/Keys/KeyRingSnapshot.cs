using Microsoft.IdentityModel.Tokens;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>The keys as last read from the store; immutable, replaced as a whole on each reload. Which key signs and which are published
/// depends on the time asked about, so a key starts signing at its <c>signs_from</c> on every instance without waiting for a reload.</summary>
internal sealed class KeyRingSnapshot(IReadOnlyList<SigningKey> signingKeys, EncryptingCredentials encryption, byte[] pairwiseSecret)
{
    /// <summary>Every signing key not yet deleted, in the order they take over.</summary>
    public IReadOnlyList<SigningKey> SigningKeys { get; } = signingKeys;

    /// <summary>The encryption key (authorization codes, refresh tokens).</summary>
    public EncryptingCredentials Encryption { get; } = encryption;

    /// <summary>The pairwise secret (32 bytes). Not to be modified.</summary>
    public byte[] PairwiseSecret { get; } = pairwiseSecret;

    /// <summary>The key that signs at <paramref name="now"/>: the last one whose <c>signs_from</c> has come. Should none have (another
    /// instance's clock ahead of this one's created the first key), the earliest.</summary>
    public SigningKey SignerAt(DateTimeOffset now) =>
        SigningKeys.LastOrDefault(k => k.SignsFrom <= now && !IsRetired(k, now)) ?? SigningKeys[0];

    /// <summary>The keys in the JWKS at <paramref name="now"/>: the one that signs first, then the others, newest first (the next key, then
    /// those that stopped signing but may have signed tokens still valid).</summary>
    public IReadOnlyList<SigningKey> PublishedAt(DateTimeOffset now)
    {
        var signer = SignerAt(now);
        return [signer, .. SigningKeys.Where(k => k != signer && !IsRetired(k, now)).Reverse()];
    }

    /// <summary>The published key ids in order: when it differs from the last one OpenIddict was given, its options are rebuilt.</summary>
    public string Fingerprint(DateTimeOffset now) => string.Join(' ', PublishedAt(now).Select(k => k.Id));

    private static bool IsRetired(SigningKey key, DateTimeOffset now) => key.RetiresAt is { } at && at <= now;
}

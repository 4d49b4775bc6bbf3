namespace Daemun.OpenIdProvider.Keys;

/// <summary>Decides, from the stored keys and the time, what the store must gain or lose; it does not write (see <see cref="KeyTable"/>).
/// <list type="bullet">
/// <item>Missing keys are created: one signing key of the configured algorithm (signing at once), one encryption key, one pairwise secret.</item>
/// <item>Rotation: when the newest signing key was created <see cref="OpenIdProviderKeyOptions.RotateEvery"/> ago or more, or is of another
/// algorithm than the configured one, a new key is added that signs only <see cref="OpenIdProviderKeyOptions.PublishAhead"/> later; it is
/// published at once, so relying parties that cache the JWKS already know it when the first token it signed reaches them.</item>
/// <item>A signing key signs until its successor's <c>signs_from</c>; it stays published until then plus <see cref="RetireAfter"/>, the longest
/// lifetime of a token it may have signed, and is deleted after that.</item>
/// </list>
/// The encryption key and the pairwise secret are not rotated: the first only protects what this server reads back itself, the second
/// must stay the same for pairwise identifiers to stay the same.</summary>
internal sealed class KeySchedule(OpenIdProviderKeyOptions keys, TimeSpan retireAfter)
{
    /// <summary>Added to the longest token lifetime before a key leaves the JWKS: validators accept a token a few minutes past its
    /// <c>exp</c> (clock skew, 5 minutes by default in .NET).</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    /// <summary>The algorithm of the encryption key's row.</summary>
    public const string EncryptionAlgorithm = "A256KW";

    /// <summary>The algorithm of the pairwise secret's row (it keys an HMAC-SHA-256).</summary>
    public const string PairwiseAlgorithm = "HS256";

    /// <summary>How long after its last signing moment a key stays published: the longest lifetime among the tokens it signs — access
    /// and identity tokens, and also authorization codes and refresh tokens, which OpenIddict signs with the same key and checks against
    /// the same list when they come back — plus <see cref="ClockSkewAllowance"/>.</summary>
    public TimeSpan RetireAfter { get; } = retireAfter;

    /// <summary>The retirement delay for these token lifetimes.</summary>
    public static TimeSpan RetireAfterFor(OpenIdProviderOptions options) =>
        new[] { options.AccessTokenLifetime, options.IdentityTokenLifetime, options.AuthorizationCodeLifetime, options.RefreshTokenLifetime }.Max()
        + ClockSkewAllowance;

    /// <summary>What to write at <paramref name="now"/> (Unix ms). <paramref name="create"/> makes a new row (use, algorithm, signs from).</summary>
    public KeyChanges Plan(IReadOnlyList<StoredKey> stored, long now, Func<string, string, long, StoredKey> create)
    {
        var inserts = new List<StoredKey>();
        if (!stored.Any(k => k.Use == KeyUses.Encryption)) inserts.Add(create(KeyUses.Encryption, EncryptionAlgorithm, now));
        if (!stored.Any(k => k.Use == KeyUses.Pairwise)) inserts.Add(create(KeyUses.Pairwise, PairwiseAlgorithm, now));

        var signing = InSigningOrder(stored.Where(k => k.Use == KeyUses.Signing && !IsRetired(k, now))).ToList();
        var newest = signing.LastOrDefault();
        if (newest is null || newest.Algorithm != keys.Algorithm || now - newest.CreatedAt >= (long)keys.RotateEvery.TotalMilliseconds)
        {
            var next = create(KeyUses.Signing, keys.Algorithm, newest is null ? now : now + (long)keys.PublishAhead.TotalMilliseconds);
            inserts.Add(next);
            signing.Add(next);
        }

        var retirements = new List<(string, long)>();
        for (var i = 0; i < signing.Count - 1; i++)
        {
            if (signing[i].RetiresAt is null) retirements.Add((signing[i].Id, signing[i + 1].SignsFrom + (long)RetireAfter.TotalMilliseconds));
        }
        var deletes = stored.Where(k => k.Use == KeyUses.Signing && IsRetired(k, now)).ToList();
        return inserts.Count == 0 && retirements.Count == 0 && deletes.Count == 0 ? KeyChanges.None : new(inserts, retirements, deletes);
    }

    /// <summary>Signing keys in the order they take over: by <c>signs_from</c>, then creation, then id (so every instance agrees).</summary>
    public static IEnumerable<StoredKey> InSigningOrder(IEnumerable<StoredKey> keys) =>
        keys.OrderBy(k => k.SignsFrom).ThenBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal);

    /// <summary>True once a key's retirement time has come.</summary>
    public static bool IsRetired(StoredKey key, long now) => key.RetiresAt is { } at && at <= now;
}

namespace Daemun.OpenIdProvider.Keys;

/// <summary>What one pass of <see cref="KeySchedule"/> writes to <c>oidc_keys</c>: keys to add, retirement times to set, retired keys to delete.</summary>
internal sealed record KeyChanges(IReadOnlyList<StoredKey> Inserts, IReadOnlyList<(string Id, long RetiresAt)> Retirements, IReadOnlyList<StoredKey> Deletes)
{
    /// <summary>Nothing to write.</summary>
    public static KeyChanges None { get; } = new([], [], []);

    /// <summary>True when there is nothing to write.</summary>
    public bool IsEmpty => Inserts.Count == 0 && Retirements.Count == 0 && Deletes.Count == 0;
}

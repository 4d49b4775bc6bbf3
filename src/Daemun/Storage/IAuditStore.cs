namespace Daemun.Storage;

/// <summary>The audit log (table <c>audit_events</c>). Only with a database: without one this role is not registered and nothing is
/// recorded. Changes that have a transaction write their event in it (<see cref="IStoreTransaction.AppendAuditAsync"/>); this role
/// appends the others (a refused sign-in, an unlink) and prunes old rows.</summary>
public interface IAuditStore
{
    /// <summary>Appends one event on its own.</summary>
    Task AppendAuditAsync(AuditEvent audit, CancellationToken ct);

    /// <summary>Deletes at most <paramref name="batchSize"/> of the oldest events that occurred before <paramref name="cutoff"/>, in one
    /// statement; returns how many were deleted (fewer than <paramref name="batchSize"/>: none are left).</summary>
    Task<int> DeleteAuditOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken ct);
}

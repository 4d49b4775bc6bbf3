namespace Daemun.Storage;

/// <summary>The right to refresh a linked account's tokens, held by one instance at a time (a lease on the account row, compare-and-swap on
/// its token version). Only with a database: without one no tokens are kept and this role is not registered.</summary>
public interface IRefreshLeaseStore
{
    /// <summary>Takes the right to refresh an account's tokens when nobody holds it (or the holder's lease ran out) and the tokens are
    /// still at <see cref="RefreshLease.TokenVersion"/>. False when another instance holds it or already refreshed.</summary>
    Task<bool> TryTakeRefreshLeaseAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct);

    /// <summary>Writes refreshed tokens, bumps the version and frees the lease; false when the lease was lost meanwhile.</summary>
    Task<bool> CompleteRefreshAsync(RefreshLease lease, ProviderTokens tokens, DateTimeOffset now, CancellationToken ct);

    /// <summary>Records that the provider refused the refresh token (bumps the version, frees the lease).</summary>
    Task MarkReauthorizationRequiredAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct);

    /// <summary>Frees a lease without changing the tokens (the provider could not be reached).</summary>
    Task ReleaseRefreshLeaseAsync(RefreshLease lease, CancellationToken ct);
}

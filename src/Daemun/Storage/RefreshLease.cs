namespace Daemun.Storage;

/// <summary>An exclusive right, held until <see cref="Until"/>, to refresh one account's provider tokens (one holder across all instances).</summary>
public sealed record RefreshLease(string AccountId, string Owner, long TokenVersion, DateTimeOffset Until);

namespace Daemun.Storage;

/// <summary>Used sign-in states without a database: remembered in memory, per process, until they expire.</summary>
public sealed class MemoryConsumedStateStore : IConsumedStateStore
{
    private readonly ExpiringKeys _consumed = new();

    /// <inheritdoc/>
    public Task<bool> TryConsumeStateAsync(string stateHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult(_consumed.TryAdd(stateHash, expiresAt, now));
}

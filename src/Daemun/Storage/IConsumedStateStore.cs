namespace Daemun.Storage;

/// <summary>Sign-in states marked as used until they expire, so that each is accepted once. With a database the marks are rows of
/// <c>consumed_states</c> (shared by every instance); without one they are remembered in memory, per process
/// (<see cref="MemoryConsumedStateStore"/>).</summary>
public interface IConsumedStateStore
{
    /// <summary>Records a sign-in state as used. False when it was used before (a replay).</summary>
    Task<bool> TryConsumeStateAsync(string stateHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct);
}

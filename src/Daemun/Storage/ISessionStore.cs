namespace Daemun.Storage;

/// <summary>Database sessions (<c>Daemun:Session:Strategy=Database</c>): a row per session, read on every request. Only with a database:
/// without one this role is not registered, and start-up refuses the Database strategy. A session's row is written by the sign-in's
/// transaction (<see cref="IStoreTransaction.InsertSessionAsync"/>).</summary>
public interface ISessionStore
{
    /// <summary>The session with this token hash and its user, if any (expired ones included; the caller checks).</summary>
    Task<(SessionRecord Session, UserRecord User)?> FindSessionAsync(string tokenHash, CancellationToken ct);

    /// <summary>Slides a session's expiry.</summary>
    Task ExtendSessionAsync(string tokenHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct);

    /// <summary>Deletes a session; unknown hashes are ignored.</summary>
    Task DeleteSessionAsync(string tokenHash, CancellationToken ct);
}

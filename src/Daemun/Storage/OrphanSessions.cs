using System.Data.Common;
using Dapper;

namespace Daemun.Storage;

/// <summary>Ends the database sessions of a user who has no linked account left (after a provider's unlink notification removed the last one),
/// so that nobody stays signed in as a user who can no longer sign in. The user row is kept.</summary>
internal sealed class OrphanSessions(IDaemunStore store, SqlDialect? dialect)
{
    /// <summary>Deletes the user's sessions when, at that moment, the user has no account; the number deleted. Does nothing without a
    /// relational store (Cookie sessions cannot be ended from the server: they last until they expire).</summary>
    public async Task<int> EndIfNoAccountLeftAsync(string userId, CancellationToken ct)
    {
        if (store is not RelationalStore || dialect is null) return 0;
        try
        {
            await using var connection = dialect.CreateConnection();
            await connection.OpenAsync(ct);
            await dialect.PrepareAsync(connection, ct);
            // one statement: a link added meanwhile keeps the sessions
            return await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM sessions WHERE user_id = @userId AND NOT EXISTS (SELECT 1 FROM accounts WHERE user_id = @userId)",
                new { userId }, cancellationToken: ct));
        }
        catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StoreUnavailableException("end sessions of a user without accounts: the store failed", e);
        }
    }
}

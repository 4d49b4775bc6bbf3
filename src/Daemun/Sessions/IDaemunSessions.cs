namespace Daemun.Sessions;

/// <summary>Ends a user's sessions from the app (an admin page, a security response). Without a database (<c>Store:Provider=none</c>) there is
/// no user row to mark: both return false and cookie sessions last until they expire.</summary>
public interface IDaemunSessions
{
    /// <summary>Ends every session of the user issued until now: database sessions at once, cookie sessions at their next check
    /// (<c>Daemun:Session:RevalidateEvery</c>). False when there is no such user.</summary>
    Task<bool> SignOutEverywhereAsync(string userId, CancellationToken ct);

    /// <summary>Disables a user (every session ends as above and sign-in is refused with <c>AccountDisabled</c>), or enables them again.
    /// False when there is no such user.</summary>
    Task<bool> SetDisabledAsync(string userId, bool disabled, CancellationToken ct);
}

namespace Daemun.Storage;

/// <summary>The closed set of audit events (<see cref="IAuditStore"/>). Each has a stable snake_case name, the one stored in
/// <c>audit_events.event_type</c> (<see cref="AuditEventTypes.Name"/>): renaming a member never renames stored rows.</summary>
public enum AuditEventType
{
    /// <summary><c>user.signed_in</c>: a sign-in completed and a session was issued.</summary>
    UserSignedIn,
    /// <summary><c>user.created</c>: a sign-in created a new user (sign-up).</summary>
    UserCreated,
    /// <summary><c>sign_in.failed</c>: a callback was refused; the row carries the error code.</summary>
    SignInFailed,
    /// <summary><c>account.linked</c>: a provider account was linked to an existing user.</summary>
    AccountLinked,
    /// <summary><c>account.unlinked</c>: a provider account was disconnected from its user.</summary>
    AccountUnlinked,
    /// <summary><c>user.deleted</c>: a user was deleted with their accounts and sessions.</summary>
    UserDeleted,
    /// <summary><c>session.revoked</c>: every session of a user was ended ("sign out everywhere").</summary>
    SessionRevoked,
}

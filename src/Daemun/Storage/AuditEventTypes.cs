namespace Daemun.Storage;

/// <summary>The stored names of <see cref="AuditEventType"/>.</summary>
public static class AuditEventTypes
{
    /// <summary>The stable snake_case name of an event type, as stored.</summary>
    public static string Name(AuditEventType type) => type switch
    {
        AuditEventType.UserSignedIn => "user.signed_in",
        AuditEventType.UserCreated => "user.created",
        AuditEventType.SignInFailed => "sign_in.failed",
        AuditEventType.AccountLinked => "account.linked",
        AuditEventType.AccountUnlinked => "account.unlinked",
        AuditEventType.UserDeleted => "user.deleted",
        AuditEventType.SessionRevoked => "session.revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an audit event type"),
    };
}

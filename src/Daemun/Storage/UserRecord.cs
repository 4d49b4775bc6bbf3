namespace Daemun.Storage;

/// <summary>A person known to the app. Email is unique (case-insensitively) among users.</summary>
public sealed record UserRecord(string Id, string? Name, string? Email, bool EmailVerified, string? Image, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The user may not sign in, and every session of theirs ends (database sessions at once, cookie sessions at their next check).</summary>
    public bool Disabled { get; init; }

    /// <summary>Every session issued at or before this time is over ("sign out everywhere"), cookie sessions included.</summary>
    public DateTimeOffset? SessionsRevokedAt { get; init; }
}

namespace Daemun;

/// <summary>Session settings (<c>Daemun:Session</c>).</summary>
public sealed class SessionOptions
{
    /// <summary>Database (default) or Cookie.</summary>
    public SessionStrategy Strategy { get; set; } = SessionStrategy.Database;
    /// <summary>How long an idle session lives (default 30 days).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How often the expiry slides forward at most (default 1 day).</summary>
    public TimeSpan UpdateAge { get; set; } = TimeSpan.FromDays(1);
    /// <summary>Cookie sessions: how long a cookie is trusted before the user row is read again (exists, not disabled, sessions not revoked
    /// since the cookie was issued) and the cookie re-issued (default 5 minutes; 0 checks on every request). Database sessions check every request.</summary>
    public TimeSpan RevalidateEvery { get; set; } = TimeSpan.FromMinutes(5);
}

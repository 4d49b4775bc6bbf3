namespace Daemun.Emulator;

/// <summary>An issued access or refresh token.</summary>
internal sealed class IssuedToken(string value, Grant grant, DateTimeOffset issuedAt, DateTimeOffset? expiresAt)
{
    private volatile bool revoked;

    public string Value { get; } = value;
    public Grant Grant { get; } = grant;
    public DateTimeOffset IssuedAt { get; } = issuedAt;
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;
    public bool Revoked => revoked || Grant.Revoked;

    public void Revoke() => revoked = true;
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && now >= at;
    public TimeSpan Remaining(DateTimeOffset now) => ExpiresAt is { } at ? at - now : TimeSpan.MaxValue;
}

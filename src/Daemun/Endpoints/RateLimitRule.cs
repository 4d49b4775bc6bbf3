namespace Daemun.Endpoints;

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/> from one client IP address; a limit of 0 turns the rule off.</summary>
public sealed class RateLimitRule
{
    /// <summary>Requests allowed per window and client (0: no limit).</summary>
    public int PermitLimit { get; set; }

    /// <summary>The fixed window the limit counts in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

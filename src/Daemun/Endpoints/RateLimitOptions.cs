namespace Daemun.Endpoints;

/// <summary>Per-client rate limits on the endpoints an attacker can flood (configuration section <c>Daemun:RateLimits</c>). A client is its IP
/// address (<c>HttpContext.Connection.RemoteIpAddress</c>: behind a proxy, enable ASP.NET Core's forwarded headers so it is the real client's).
/// A refused request gets 429 <c>RateLimited</c> with <c>Retry-After</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in starts: <c>POST /signin/{provider}</c> and the autologin <c>GET /signin</c> (default 30 per minute).</summary>
    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Provider callbacks: <c>/callback/{provider}</c> (default 30 per minute).</summary>
    public RateLimitRule Callback { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>New-user step submissions: <c>POST /new-user</c> (default 10 per 5 minutes: each answer may say that an email is in use).</summary>
    public RateLimitRule NewUser { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };
}

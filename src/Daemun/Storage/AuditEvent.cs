using Daemun.Errors;

namespace Daemun.Storage;

/// <summary>One row of the audit log (<see cref="IAuditStore"/>). Never a token, code, secret or email: <see cref="Details"/> is a small
/// JSON object of non-secret facts.</summary>
/// <param name="Type">What happened.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="UserId">The user it happened to, when known.</param>
/// <param name="Provider">The provider involved, when any.</param>
/// <param name="Error">Why a sign-in failed (<see cref="AuditEventType.SignInFailed"/>).</param>
/// <param name="Ip">The client's address (<c>HttpContext.Connection.RemoteIpAddress</c>).</param>
/// <param name="UserAgent">The request's User-Agent, at most <see cref="MaxUserAgentLength"/> characters.</param>
/// <param name="Details">A small JSON object, or null.</param>
public sealed record AuditEvent(AuditEventType Type, DateTimeOffset OccurredAt, string? UserId, string? Provider, ErrorCode? Error,
    string? Ip, string? UserAgent, string? Details)
{
    /// <summary>The longest User-Agent kept; a longer one is truncated.</summary>
    public const int MaxUserAgentLength = 512;
}

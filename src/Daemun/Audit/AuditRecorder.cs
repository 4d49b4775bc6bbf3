using System.Text.Json;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Daemun.Audit;

/// <summary>Builds audit events from a request — its client address (<c>HttpContext.Connection.RemoteIpAddress</c>: the app's
/// forwarded-headers configuration decides what that is) and its User-Agent, truncated — and appends the ones that have no transaction
/// of their own. Without a database (no <see cref="IAuditStore"/>) nothing is written.</summary>
internal sealed class AuditRecorder(IServiceProvider services, TimeProvider time, ILogger<AuditRecorder> logger)
{
    /// <summary>The audit store; null without a database (resolved when first needed, not at construction).</summary>
    private IAuditStore? Store => services.GetService<IAuditStore>();

    /// <summary>An event of this request, now.</summary>
    public AuditEvent Event(HttpContext context, AuditEventType type, string? userId, string? provider, ErrorCode? error = null, object? details = null)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true }) remote = remote.MapToIPv4();
        string? agent = context.Request.Headers.UserAgent;
        if (agent is { Length: > AuditEvent.MaxUserAgentLength }) agent = agent[..AuditEvent.MaxUserAgentLength];
        return new(type, time.GetUtcNow(), userId, provider, error, remote?.ToString(), string.IsNullOrEmpty(agent) ? null : agent,
            details is null ? null : JsonSerializer.Serialize(details));
    }

    /// <summary>Appends an event on its own, for a change that has no transaction to write it in. An audit row that cannot be written
    /// (the store is down) never fails the request: one log line says which event was lost.</summary>
    public async Task AppendAsync(AuditEvent audit, CancellationToken ct)
    {
        if (Store is not { } store) return;
        try
        {
            await store.AppendAuditAsync(audit, ct);
        }
        catch (Exception e) when (e is StoreUnavailableException or StoreConflictException)
        {
            Log.AuditEventNotWritten(logger, AuditEventTypes.Name(audit.Type), e.GetType().Name);
        }
    }
}

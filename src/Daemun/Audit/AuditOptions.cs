using Daemun.Providers;

namespace Daemun.Audit;

/// <summary>Settings of the audit log (<c>Daemun:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>How long audit events are kept (default 90 days); older ones are deleted in batches every hour (<see cref="AuditPruning"/>).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    internal void Validate()
    {
        if (Retention <= TimeSpan.Zero)
        {
            throw new DaemunConfigurationException("Daemun:Audit:Retention", $"must be positive (got '{Retention}').");
        }
    }
}

using Daemun.Logging;
using Daemun.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Audit;

/// <summary>Every hour, deletes the audit events older than <see cref="AuditOptions.Retention"/>, <see cref="BatchSize"/> rows per statement
/// so that no statement holds a large table for long. Every instance may run it; deletions are idempotent. Without a database it does nothing.</summary>
internal sealed class AuditPruning(IServiceProvider services, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditPruning> logger)
    : BackgroundService
{
    /// <summary>How often pruning runs.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement.</summary>
    public const int BatchSize = 1000;

    /// <summary>The audit store; null without a database (resolved when first needed, not at construction).</summary>
    private IAuditStore? Store => services.GetService<IAuditStore>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Store is null) return;
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneAsync(BatchSize, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AuditPruningFailed(logger, e.GetType().Name);
            }
        }
    }

    /// <summary>One pruning pass: batches of <paramref name="batchSize"/> until a batch comes back short. Returns the rows deleted and the
    /// statements run.</summary>
    public async Task<(long Deleted, int Batches)> PruneAsync(int batchSize, CancellationToken ct)
    {
        if (Store is not { } store) return (0, 0);
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        long deleted = 0;
        var batches = 0;
        while (true)
        {
            var n = await store.DeleteAuditOlderThanAsync(cutoff, batchSize, ct);
            batches++;
            deleted += n;
            if (n < batchSize) break;
        }
        Log.AuditPruned(logger, deleted, batches);
        return (deleted, batches);
    }
}

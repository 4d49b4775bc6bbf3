using Daemun.OpenIdProvider.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Daemun.OpenIdProvider.Server;

/// <summary>Every hour, deletes tokens and ad-hoc authorizations that can no longer be used (expired, redeemed, revoked) and were created
/// more than one refresh-token lifetime ago — so a rotated refresh token stays on record, and its reuse is still recognised, for as long as
/// the chain it belongs to could be alive. Every instance may run it; deletions are idempotent.</summary>
internal sealed class OidcPruning(IServiceScopeFactory scopes, TimeProvider time, IOptions<OpenIdProviderOptions> options, ILogger<OidcPruning> logger)
    : BackgroundService
{
    /// <summary>How often pruning runs.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OidcLog.PruningFailed(logger, e.GetType().Name);
            }
        }
    }

    /// <summary>One pruning pass; returns how many tokens and authorizations were deleted.</summary>
    public async Task<(long Tokens, long Authorizations)> PruneAsync(CancellationToken ct)
    {
        var threshold = time.GetUtcNow() - options.Value.RefreshTokenLifetime;
        await using var scope = scopes.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, ct);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, ct);
        OidcLog.Pruned(logger, tokens, authorizations);
        return (tokens, authorizations);
    }
}

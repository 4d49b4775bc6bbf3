using System.Diagnostics;
using Daemun.Logging;
using Daemun.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Daemun.Storage;

/// <summary>Every store role as requests see it, over the one <see cref="RelationalStore"/>: every operation bounded by
/// <see cref="StoreResilienceOptions.OperationTimeout"/> and behind one circuit breaker shared by all roles (Polly, from
/// Microsoft.Extensions.Resilience). When at least half of the last 10 seconds' operations (4 or more) failed, the circuit opens: requests get
/// <see cref="StoreUnavailableException"/> at once for <see cref="StoreResilienceOptions.BreakDuration"/>, then one operation probes the store.
/// The log gets one line when the store goes down (with the cause's stack trace, once per outage) and one when it is back; a failure while the
/// circuit is closed writes one line without a trace. Migrations and the health probe bypass the breaker.</summary>
internal sealed class ResilientStore
    : IUserStore, ISessionStore, ISignInRequestStore, IConsumedStateStore, IRefreshLeaseStore, IKeyRingStore, IAuditStore, IStoreDatabase
{
    private const double FailureRatio = 0.5;
    private const int MinimumThroughput = 4;
    private static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(10);

    private readonly RelationalStore _inner;
    private readonly string _name;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _transactionTimeout;
    private static readonly ResiliencePropertyKey<TimeSpan> TimeoutKey = new("Daemun.StoreTimeout");
    private readonly ILogger<ResilientStore> _logger;
    private readonly CircuitBreakerManualControl _control = new();
    private readonly ResiliencePipeline _pipeline;
    private int _down;
    private long _downSince;

    public ResilientStore(RelationalStore inner, string name, IOptions<StoreResilienceOptions> options, ILogger<ResilientStore> logger)
    {
        var o = options.Value;
        if (o.OperationTimeout <= TimeSpan.Zero || o.OperationTimeout > TimeSpan.FromMinutes(10))
        {
            throw new DaemunConfigurationException("Daemun:Store:OperationTimeout", $"must be positive and at most 10 minutes (got {o.OperationTimeout}).");
        }
        if (o.TransactionTimeout <= TimeSpan.Zero || o.TransactionTimeout > TimeSpan.FromMinutes(10))
        {
            throw new DaemunConfigurationException("Daemun:Store:TransactionTimeout", $"must be positive and at most 10 minutes (got {o.TransactionTimeout}).");
        }
        if (o.BreakDuration < TimeSpan.FromMilliseconds(500) || o.BreakDuration > TimeSpan.FromHours(1))
        {
            throw new DaemunConfigurationException("Daemun:Store:BreakDuration", $"must be between 0.5 seconds and 1 hour (got {o.BreakDuration}).");
        }
        (_inner, _name, _timeout, _transactionTimeout, _logger) = (inner, name, o.OperationTimeout, o.TransactionTimeout, logger);
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = FailureRatio,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = SamplingDuration,
                BreakDuration = o.BreakDuration,
                ManualControl = _control,
                ShouldHandle = new PredicateBuilder().Handle<StoreUnavailableException>().Handle<TimeoutRejectedException>(),
                OnOpened = args =>
                {
                    if (Interlocked.Exchange(ref _down, 1) == 0)
                    {
                        Volatile.Write(ref _downSince, Stopwatch.GetTimestamp());
                        var e = args.Outcome.Exception;
                        // the cause's stack trace once per outage: a timeout has none worth printing
                        Log.StoreDown(_logger, e is TimeoutRejectedException ? null : e?.InnerException ?? e, _name, Reason(e), o.BreakDuration.TotalSeconds);
                    }
                    return default;
                },
                OnClosed = _ =>
                {
                    if (Interlocked.Exchange(ref _down, 0) == 1)
                    {
                        Log.StoreBackUp(_logger, _name, Stopwatch.GetElapsedTime(Volatile.Read(ref _downSince)).TotalSeconds);
                    }
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(TimeoutKey, o.OperationTimeout)),
            })
            .Build();
    }

    /// <summary>True while the store is considered down (the circuit opened and has not closed since).</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>Runs one operation of a request: bounded by the timeout even if the driver ignores cancellation (the operation is then left to
    /// finish on its own), behind the breaker.</summary>
    private Task<T> Run<T>(string operation, Func<CancellationToken, Task<T>> work, CancellationToken ct) => Execute(operation, work, abandonOnTimeout: true, ct);

    private Task<bool> Run(string operation, Func<CancellationToken, Task> work, CancellationToken ct) =>
        Execute(operation, async token => { await work(token); return true; }, abandonOnTimeout: true, ct);

    private async Task<T> Execute<T>(string operation, Func<CancellationToken, Task<T>> work, bool abandonOnTimeout, CancellationToken ct)
    {
        var timeout = abandonOnTimeout ? _timeout : _transactionTimeout;
        var context = ResilienceContextPool.Shared.Get(operation, ct);
        context.Properties.Set(TimeoutKey, timeout);
        try
        {
            return await _pipeline.ExecuteAsync(async (resilience, unused) =>
            {
                var token = resilience.CancellationToken;
                // Task.Run: a driver whose async methods block (Microsoft.Data.Sqlite waiting on a busy database) cannot hold the timeout up
                var task = Task.Run(() => work(token), CancellationToken.None);
                if (!abandonOnTimeout) return await task;
                try
                {
                    return await task.WaitAsync(token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested && !task.IsCompleted)
                {
                    _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    throw;
                }
            }, context, 0);
        }
        catch (BrokenCircuitException e)
        {
            throw new StoreUnavailableException($"{operation}: the {_name} store is unavailable (circuit open)", e);
        }
        catch (TimeoutRejectedException e)
        {
            Failed(operation, $"no answer within {timeout.TotalSeconds:0.###} s");
            throw new StoreUnavailableException($"{operation}: the {_name} store did not answer within {timeout.TotalSeconds:0.###} s", e);
        }
        catch (StoreUnavailableException e)
        {
            Failed(operation, Reason(e));
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One line, no trace, for a failure while the store is not known to be down (once it is, the outage's line said it all).</summary>
    private void Failed(string operation, string reason)
    {
        if (!IsDown) Log.StoreOperationFailed(_logger, _name, operation, reason);
    }

    private static string Reason(Exception? e) => e switch
    {
        TimeoutRejectedException => "no answer within the operation timeout",
        StoreUnavailableException { InnerException: { } inner } => $"{inner.GetType().Name}: {inner.Message}",
        null => "unknown",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>Migrations run at start-up with their own long timeout: not through the breaker.</summary>
    public Task MigrateAsync(CancellationToken ct) => _inner.MigrateAsync(ct);

    /// <summary>True: users and accounts are rows.</summary>
    public bool KeepsUsers => true;

    /// <summary>The transaction's work may read the request (its cookies): it is never abandoned while running, only cancelled after
    /// <see cref="StoreResilienceOptions.TransactionTimeout"/> (the drivers' own timeouts bound the rest).</summary>
    public Task<T> InTransactionAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken ct) =>
        Execute("transaction", token => _inner.InTransactionAsync(work, token), abandonOnTimeout: false, ct);

    public Task<bool> TryConsumeStateAsync(string stateHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct) =>
        Run("consume state", t => _inner.TryConsumeStateAsync(stateHash, expiresAt, now, t), ct);

    public Task SaveSignInRequestAsync(SignInRequestRecord request, DateTimeOffset now, CancellationToken ct) =>
        Run("save sign-in request", t => _inner.SaveSignInRequestAsync(request, now, t), ct);

    public Task<SignInRequestTake> TakeSignInRequestAsync(string stateHash, string browserHash, DateTimeOffset now, CancellationToken ct) =>
        Run("take sign-in request", t => _inner.TakeSignInRequestAsync(stateHash, browserHash, now, t), ct);

    public Task<(SessionRecord Session, UserRecord User)?> FindSessionAsync(string tokenHash, CancellationToken ct) =>
        Run("find session", t => _inner.FindSessionAsync(tokenHash, t), ct);

    public Task ExtendSessionAsync(string tokenHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct) =>
        Run("extend session", t => _inner.ExtendSessionAsync(tokenHash, expiresAt, now, t), ct);

    public Task DeleteSessionAsync(string tokenHash, CancellationToken ct) => Run("delete session", t => _inner.DeleteSessionAsync(tokenHash, t), ct);

    public Task<UserRecord?> FindUserAsync(string userId, CancellationToken ct) => Run("find user", t => _inner.FindUserAsync(userId, t), ct);

    public Task<IReadOnlyList<AccountRecord>> AccountsOfUserAsync(string userId, CancellationToken ct) =>
        Run("accounts of user", t => _inner.AccountsOfUserAsync(userId, t), ct);

    public Task<AccountRecord?> FindAccountOfUserAsync(string userId, string provider, CancellationToken ct) =>
        Run("account of user", t => _inner.FindAccountOfUserAsync(userId, provider, t), ct);

    public Task<bool> TryTakeRefreshLeaseAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct) =>
        Run("take refresh lease", t => _inner.TryTakeRefreshLeaseAsync(lease, now, t), ct);

    public Task<bool> CompleteRefreshAsync(RefreshLease lease, ProviderTokens tokens, DateTimeOffset now, CancellationToken ct) =>
        Run("complete refresh", t => _inner.CompleteRefreshAsync(lease, tokens, now, t), ct);

    public Task MarkReauthorizationRequiredAsync(RefreshLease lease, DateTimeOffset now, CancellationToken ct) =>
        Run("mark reauthorization", t => _inner.MarkReauthorizationRequiredAsync(lease, now, t), ct);

    public Task ReleaseRefreshLeaseAsync(RefreshLease lease, CancellationToken ct) => Run("release refresh lease", t => _inner.ReleaseRefreshLeaseAsync(lease, t), ct);

    public Task<bool> DeleteAccountAsync(string accountId, CancellationToken ct) => Run("delete account", t => _inner.DeleteAccountAsync(accountId, t), ct);

    public Task<string?> DeleteAccountByProviderIdAsync(string provider, string providerAccountId, CancellationToken ct) =>
        Run("delete account by provider id", t => _inner.DeleteAccountByProviderIdAsync(provider, providerAccountId, t), ct);

    public Task<bool> DeleteUserWithoutAccountsAsync(string userId, CancellationToken ct) =>
        Run("delete user without accounts", t => _inner.DeleteUserWithoutAccountsAsync(userId, t), ct);

    public Task<bool> DeleteUserAsync(string userId, CancellationToken ct) => Run("delete user", t => _inner.DeleteUserAsync(userId, t), ct);

    public Task<bool> RevokeSessionsAsync(string userId, DateTimeOffset at, CancellationToken ct) => Run("revoke sessions", t => _inner.RevokeSessionsAsync(userId, at, t), ct);

    public Task<bool> SetUserDisabledAsync(string userId, bool disabled, DateTimeOffset now, CancellationToken ct) =>
        Run("set user disabled", t => _inner.SetUserDisabledAsync(userId, disabled, now, t), ct);

    /// <summary>The health probe asks the store itself, past the breaker (a load balancer must see the truth); when it answers while the
    /// circuit is open, the circuit closes: the store is back.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        await _inner.CheckAsync(ct);
        if (IsDown) await _control.CloseAsync(CancellationToken.None);
    }

    public Task AppendAuditAsync(AuditEvent audit, CancellationToken ct) => Run("append audit event", t => _inner.AppendAuditAsync(audit, t), ct);

    public Task<int> DeleteAuditOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken ct) =>
        Run("prune audit events", t => _inner.DeleteAuditOlderThanAsync(cutoff, batchSize, t), ct);

    public Task<IReadOnlyList<string>> DataProtectionKeysAsync(CancellationToken ct) => Run("read data protection keys", t => _inner.DataProtectionKeysAsync(t), ct);

    public Task StoreDataProtectionKeyAsync(string friendlyName, string xml, DateTimeOffset createdAt, CancellationToken ct) =>
        Run("store data protection key", t => _inner.StoreDataProtectionKeyAsync(friendlyName, xml, createdAt, t), ct);
}

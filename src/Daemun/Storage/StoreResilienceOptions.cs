namespace Daemun.Storage;

/// <summary>How the store is protected on the request path (configuration section <c>Daemun:Store</c>): a timeout on every operation and a
/// circuit breaker that, once the store fails, answers <c>StoreUnavailable</c> at once instead of letting requests queue up behind it.</summary>
public sealed class StoreResilienceOptions
{
    /// <summary>How long one store operation of a request may take before the request gets 503 <c>StoreUnavailable</c> (default 1 s;
    /// migrations are not bounded by it).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a sign-in's transaction may take (default 5 s): it may wait for a concurrent sign-in of the same account by design.</summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the circuit stays open (every request answered <c>StoreUnavailable</c> without touching the store) before one request
    /// probes the store again (default 5 s; at least 0.5 s). A healthy <c>/healthz</c> probe closes it earlier.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}

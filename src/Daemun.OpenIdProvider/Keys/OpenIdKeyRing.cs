using Daemun.OpenIdProvider.Principals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Daemun.OpenIdProvider.Keys;

/// <summary>The OpenID Provider's keys, one ring per process, the same on every instance: they live in the store (table <c>oidc_keys</c>),
/// their material encrypted with Data Protection, whose key ring the instances share.
/// <para><see cref="RefreshAsync"/> reads the table, creates what is missing and rotates on schedule (see <see cref="KeySchedule"/>; the
/// decision and the write are one serialized transaction, so concurrent instances end with one set), then replaces <see cref="Current"/>.
/// <see cref="KeyRingRefresher"/> runs it at start and every <see cref="OpenIdProviderKeyOptions.ReloadEvery"/>, so that a rotation made
/// by one instance reaches the others. When the published keys change, <see cref="GetChangeToken"/> fires and OpenIddict's options are
/// rebuilt with them (<see cref="ConfigureServerKeys"/>).</para>
/// Every "now" is the DI <see cref="TimeProvider"/>'s. No key material is logged: key ids only.</summary>
internal sealed class OpenIdKeyRing : IPairwiseSecret, IDisposable
{
    /// <summary>The longest a blocking first load (from OpenIddict's options, before <see cref="KeyRingRefresher"/> ran) may take.</summary>
    private static readonly TimeSpan FirstLoadTimeout = TimeSpan.FromSeconds(30);

    private readonly KeyTable _table;
    private readonly KeyMaterial _material;
    private readonly KeySchedule _schedule;
    private readonly TimeProvider _time;
    private readonly ILogger<OpenIdKeyRing> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<string, SigningCredentials> _decrypted = new(StringComparer.Ordinal);
    private volatile KeyRingSnapshot? _current;
    private (string Id, EncryptingCredentials Credentials)? _encryption;
    private (string Id, byte[] Secret)? _pairwise;
    private string? _publishedFingerprint;
    private string? _signerId;
    private CancellationTokenSource _changed = new();

    public OpenIdKeyRing(KeyTable table, KeyMaterial material, IOptions<OpenIdProviderOptions> options, TimeProvider time, ILogger<OpenIdKeyRing> logger)
    {
        KeyOptionsValidator.Validate(options.Value.Keys);
        (_table, _material, _time, _logger) = (table, material, time, logger);
        _schedule = new KeySchedule(options.Value.Keys, KeySchedule.RetireAfterFor(options.Value));
    }

    /// <summary>The keys as last read. The first use before any <see cref="RefreshAsync"/> loads them, blocking.</summary>
    public KeyRingSnapshot Current => _current ?? LoadBlocking();

    /// <summary>The secret behind pairwise subject identifiers (32 bytes, the same on every instance, never rotated). Not to be modified.</summary>
    public byte[] PairwiseSecret => Current.PairwiseSecret;

    /// <inheritdoc/>
    public byte[] Get() => PairwiseSecret;

    /// <summary>The signing key of this moment.</summary>
    public SigningKey Signer => Current.SignerAt(_time.GetUtcNow());

    /// <summary>The signing keys to publish at this moment, the one that signs first.</summary>
    public IReadOnlyList<SigningKey> Published => Current.PublishedAt(_time.GetUtcNow());

    /// <summary>Fires when the published keys changed (a key was added, started signing or retired).</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>Reads the keys again, creating and rotating as the schedule says. Concurrent calls run one after the other.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshing.WaitAsync(ct);
        try
        {
            var now = _time.GetUtcNow();
            var nowMs = now.ToUnixTimeMilliseconds();
            var keys = await _table.ReadAsync(ct);
            if (!_schedule.Plan(keys, nowMs, Draft).IsEmpty)
            {
                (keys, var applied) = await _table.UpdateAsync(stored => _schedule.Plan(stored, nowMs, (use, algorithm, signsFrom) =>
                    new StoredKey(KeyMaterial.NewId(), use, algorithm, _material.Generate(use, algorithm), nowMs, signsFrom, null)), ct);
                LogChanges(applied);
            }
            var snapshot = Build(keys);
            _current = snapshot;
            var fingerprint = snapshot.Fingerprint(now);
            var changed = _publishedFingerprint is not null && fingerprint != _publishedFingerprint;
            _publishedFingerprint = fingerprint;
            var signer = snapshot.SignerAt(now);
            if (signer.Id != _signerId) KeyLog.Signing(_logger, signer.Id, signer.Algorithm);
            _signerId = signer.Id;
            // inside the lock: a concurrent caller that finds nothing left to change returns only after this change was announced
            if (changed) NotifyChanged();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Stops the change notifications.</summary>
    public void Dispose()
    {
        _changed.Dispose();
        _refreshing.Dispose();
    }

    private KeyRingSnapshot LoadBlocking()
    {
        using var timeout = new CancellationTokenSource(FirstLoadTimeout);
        Task.Run(() => RefreshAsync(timeout.Token)).GetAwaiter().GetResult();
        return _current!;
    }

    private KeyRingSnapshot Build(IReadOnlyList<StoredKey> keys)
    {
        var signing = new List<SigningKey>();
        foreach (var key in KeySchedule.InSigningOrder(keys.Where(k => k.Use == KeyUses.Signing)))
        {
            if (!_decrypted.TryGetValue(key.Id, out var credentials)) _decrypted[key.Id] = credentials = _material.Signing(key);
            signing.Add(new SigningKey(key.Id, key.Algorithm, Time(key.SignsFrom), key.RetiresAt is { } at ? Time(at) : null, credentials));
        }
        foreach (var gone in _decrypted.Keys.Except(signing.Select(k => k.Id)).ToList()) _decrypted.Remove(gone);
        var encryption = Single(keys, KeyUses.Encryption);
        if (_encryption?.Id != encryption.Id) _encryption = (encryption.Id, _material.Encryption(encryption));
        var pairwise = Single(keys, KeyUses.Pairwise);
        if (_pairwise?.Id != pairwise.Id) _pairwise = (pairwise.Id, _material.Secret(pairwise));
        return new KeyRingSnapshot(signing, _encryption.Value.Credentials, _pairwise.Value.Secret);
    }

    /// <summary>The oldest key of a use that has exactly one (should two ever be stored, every instance picks the same).</summary>
    private static StoredKey Single(IReadOnlyList<StoredKey> keys, string use) =>
        keys.Where(k => k.Use == use).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).First();

    private static StoredKey Draft(string use, string algorithm, long signsFrom) => new("", use, algorithm, "", 0, signsFrom, null);

    private void LogChanges(KeyChanges applied)
    {
        foreach (var key in applied.Inserts) KeyLog.Created(_logger, key.Id, key.Use, key.Algorithm, Time(key.SignsFrom));
        foreach (var (id, retiresAt) in applied.Retirements) KeyLog.RetirementScheduled(_logger, id, Time(retiresAt));
        foreach (var key in applied.Deletes) KeyLog.Retired(_logger, key.Id);
    }

    private void NotifyChanged()
    {
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();
    }

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

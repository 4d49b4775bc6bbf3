using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text.Json;
using Daemun.Errors;
using Daemun.Logging;
using Daemun.Security;
using Daemun.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemun.Sessions;

/// <summary>Issues, reads, slides and ends sessions with the configured strategy. A cookie session is checked against its user row every
/// <see cref="SessionOptions.RevalidateEvery"/> (and before it slides) when users are kept; a database session on every request. Database sessions
/// need <see cref="ISessionStore"/>, which only a database has (start-up refuses the Database strategy without one).</summary>
internal sealed class SessionService(IUserStore users, IOptions<DaemunOptions> options, DaemunCookies cookies, IDataProtectionProvider dataProtection, TimeProvider time,
    ILogger<SessionService> logger, ISessionStore? databaseSessions = null) : IDaemunSessions
{
    private const string ItemKey = "Daemun.Session";
    private const string FailureKey = "Daemun.SessionStoreFailure";
    private readonly IDataProtector _cookieProtector = dataProtection.CreateProtector("Daemun.SessionCookie.v1");
    private SessionOptions Settings => options.Value.Session;

    /// <summary>The rows of database sessions; start-up has made sure they exist when the strategy is Database.</summary>
    private ISessionStore Rows => databaseSessions ?? throw new InvalidOperationException("Database sessions need a database (Daemun:Session:Strategy).");

    /// <summary>Creates the session for <paramref name="user"/>; with database sessions its row is written in <paramref name="tx"/>,
    /// and the session this browser had before is deleted in the same transaction, so a sign-in always starts a fresh session.</summary>
    public async Task<IssuedSession> IssueAsync(IStoreTransaction tx, UserRecord user, Authentication authentication, HttpContext context)
    {
        if (user.Disabled) throw new DaemunException(ErrorCode.AccountDisabled, "the user is disabled");
        var now = time.GetUtcNow();
        var expires = now + Settings.MaxAge;
        if (Settings.Strategy == SessionStrategy.Cookie)
        {
            var payload = new CookiePayload(user.Id, user.Name, user.Email, user.Image, expires, now)
            {
                Provider = authentication.Provider, AuthenticatedAt = authentication.At, CreatedAt = now, CheckedAt = now,
            };
            return new(_cookieProtector.Protect(JsonSerializer.Serialize(payload)), expires);
        }
        if (cookies.Read(context, DaemunCookies.Session) is { } previous) await tx.DeleteSessionAsync(RandomToken.Hash(previous));
        var token = RandomToken.New();
        await tx.InsertSessionAsync(new SessionRecord(RandomToken.Hash(token), user.Id, expires, now, now) { Provider = authentication.Provider, AuthenticatedAt = authentication.At });
        return new(token, expires);
    }

    /// <summary>Sets the session cookie.</summary>
    public void Write(HttpContext context, IssuedSession session)
    {
        cookies.Write(context, DaemunCookies.Session, session.CookieValue, session.Expires - time.GetUtcNow());
        context.Items.Remove(ItemKey);
    }

    /// <summary>The request's session, or null. Slides the expiry at most once per UpdateAge. Throws <see cref="StoreUnavailableException"/> when the store is down.</summary>
    public async Task<DaemunSession?> ReadAsync(HttpContext context, CancellationToken ct)
    {
        if (context.Items.TryGetValue(FailureKey, out var failure)) ExceptionDispatchInfo.Throw((StoreUnavailableException)failure!);
        if (context.Items.TryGetValue(ItemKey, out var cached)) return (DaemunSession?)cached;
        try
        {
            var session = cookies.Read(context, DaemunCookies.Session) is { } value ? await ReadValueAsync(context, value, ct) : null;
            context.Items[ItemKey] = session;
            return session;
        }
        catch (StoreUnavailableException e)
        {
            // remembered for this request: the authentication handler and the endpoint must not each wait for a store that is down
            context.Items[FailureKey] = e;
            throw;
        }
    }

    /// <summary>After the user's profile changed: a cookie session carries name and email, so its cookie is rewritten (same expiry);
    /// a database session reads the user row on every request and needs nothing.</summary>
    public void ProfileChanged(HttpContext context, UserRecord user)
    {
        context.Items.Remove(ItemKey);
        if (Settings.Strategy != SessionStrategy.Cookie || cookies.Read(context, DaemunCookies.Session) is not { } value || Unprotect(value) is not { } payload) return;
        payload = payload with { Name = user.Name, Email = user.Email, Image = user.Image };
        cookies.Write(context, DaemunCookies.Session, _cookieProtector.Protect(JsonSerializer.Serialize(payload)), payload.Expires - time.GetUtcNow());
    }

    /// <summary>True when reading this request's session failed because the store is unavailable.</summary>
    public static bool StoreFailed(HttpContext context) => context.Items.ContainsKey(FailureKey);

    /// <summary>Ends the request's session: deletes its row and its cookie. Returns the user id that was signed in.</summary>
    public async Task<string?> SignOutAsync(HttpContext context, CancellationToken ct)
    {
        var session = await ReadAsync(context, ct);
        if (Settings.Strategy == SessionStrategy.Database && cookies.Read(context, DaemunCookies.Session) is { } token)
        {
            await Rows.DeleteSessionAsync(RandomToken.Hash(token), ct);
        }
        cookies.Delete(context, DaemunCookies.Session);
        context.Items[ItemKey] = null;
        return session?.UserId;
    }

    /// <summary>"Sign out everywhere": every session of the signed-in user ends — database sessions at once, cookie sessions at their next check
    /// (within <see cref="SessionOptions.RevalidateEvery"/>) — and this browser's cookie is deleted. Returns the user id that was signed in.</summary>
    public async Task<string?> SignOutEverywhereAsync(HttpContext context, CancellationToken ct)
    {
        var session = await ReadAsync(context, ct);
        if (session is not null) await users.RevokeSessionsAsync(session.UserId, time.GetUtcNow(), ct);
        cookies.Delete(context, DaemunCookies.Session);
        context.Items[ItemKey] = null;
        return session?.UserId;
    }

    /// <inheritdoc/>
    public Task<bool> SignOutEverywhereAsync(string userId, CancellationToken ct) => users.RevokeSessionsAsync(userId, time.GetUtcNow(), ct);

    /// <inheritdoc/>
    public Task<bool> SetDisabledAsync(string userId, bool disabled, CancellationToken ct) => users.SetUserDisabledAsync(userId, disabled, time.GetUtcNow(), ct);

    /// <summary>Why a session of <paramref name="user"/> issued at <paramref name="issuedAt"/> no longer counts, or null when it still does.</summary>
    private static string? Revoked(UserRecord? user, DateTimeOffset issuedAt) =>
        user is null ? "user deleted"
        : user.Disabled ? "user disabled"
        : user.SessionsRevokedAt is { } revokedAt && issuedAt <= revokedAt ? "signed out everywhere"
        : null;

    private async Task<DaemunSession?> ReadValueAsync(HttpContext context, string value, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (Settings.Strategy == SessionStrategy.Cookie)
        {
            var payload = Unprotect(value);
            if (payload is null || payload.Expires <= now) return Drop(context);
            var slide = now - payload.IssuedAt >= Settings.UpdateAge;
            // without a database there is no user row to check: such a cookie lives until it expires
            var check = users.KeepsUsers && (slide || payload.CheckedAt is not { } checkedAt || now - checkedAt >= Settings.RevalidateEvery);
            if (check)
            {
                // a store outage here is a 503, as for database sessions: never an unchecked session, never a signed-out person
                var row = await users.FindUserAsync(payload.UserId, ct);
                if (Revoked(row, payload.CreatedAt ?? DateTimeOffset.MinValue) is { } reason)
                {
                    Log.SessionRevoked(logger, payload.UserId, reason);
                    return Drop(context);
                }
                payload = payload with { Name = row!.Name, Email = row.Email, Image = row.Image, CheckedAt = now };
            }
            if (slide) payload = payload with { Expires = now + Settings.MaxAge, IssuedAt = now };
            if (check || slide) cookies.Write(context, DaemunCookies.Session, _cookieProtector.Protect(JsonSerializer.Serialize(payload)), payload.Expires - now);
            return new(payload.UserId, payload.Name, payload.Email, payload.Image, payload.Expires) { Provider = payload.Provider, AuthenticatedAt = payload.AuthenticatedAt };
        }

        var hash = RandomToken.Hash(value);
        if (await Rows.FindSessionAsync(hash, ct) is not var (session, user)) return Drop(context);
        if (Revoked(user, session.CreatedAt) is { } why)
        {
            Log.SessionRevoked(logger, user.Id, why);
            await Rows.DeleteSessionAsync(hash, ct);
            return Drop(context);
        }
        if (session.ExpiresAt <= now)
        {
            await Rows.DeleteSessionAsync(hash, ct);
            return Drop(context);
        }
        var expires = session.ExpiresAt;
        if (now - session.UpdatedAt >= Settings.UpdateAge)
        {
            expires = now + Settings.MaxAge;
            await Rows.ExtendSessionAsync(hash, expires, now, ct);
            cookies.Write(context, DaemunCookies.Session, value, Settings.MaxAge);
        }
        return new(user.Id, user.Name, user.Email, user.Image, expires) { Provider = session.Provider, AuthenticatedAt = session.AuthenticatedAt };
    }

    private DaemunSession? Drop(HttpContext context)
    {
        cookies.Delete(context, DaemunCookies.Session);
        return null;
    }

    private CookiePayload? Unprotect(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<CookiePayload>(_cookieProtector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record CookiePayload(string UserId, string? Name, string? Email, string? Image, DateTimeOffset Expires, DateTimeOffset IssuedAt)
    {
        public string? Provider { get; init; }
        public DateTimeOffset? AuthenticatedAt { get; init; }
        /// <summary>When the session was issued (sign-in); compared with the user's <c>sessions_revoked_at</c>. Absent in cookies from before it existed.</summary>
        public DateTimeOffset? CreatedAt { get; init; }
        /// <summary>When the user row was last checked for this cookie.</summary>
        public DateTimeOffset? CheckedAt { get; init; }
    }
}

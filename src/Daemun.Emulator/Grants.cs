using System.Collections.Concurrent;

namespace Daemun.Emulator;

/// <summary>An authorize request waiting for the person's decision on the consent page.</summary>
internal sealed record PendingAuthorization(
    string Id,
    string Provider,
    EmulatorClient Client,
    string RedirectUri,
    string? State,
    IReadOnlyList<string> Scopes,
    string? Nonce,
    string? CodeChallenge,
    DateTimeOffset CreatedAt)
{
    /// <summary>Provider-specific extras (Naver auth_type, Google access_type, …).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the person must enter the password again (prompt=login, auth_type=reauthenticate, max_age); set when the consent page is shown.</summary>
    public bool Reauthenticate { get; init; }
}

/// <summary>What a person agreed to share with one client; tokens hang off it and die with it.</summary>
internal sealed class Grant(PendingAuthorization request, TestPerson person, IReadOnlySet<string> declined, DateTimeOffset authTime)
{
    private volatile bool revoked;

    public PendingAuthorization Request { get; } = request;
    public TestPerson Person { get; } = person;
    public IReadOnlySet<string> Declined { get; } = declined;
    public DateTimeOffset AuthTime { get; } = authTime;
    public string Provider => Request.Provider;
    public EmulatorClient Client => Request.Client;
    public bool Revoked => revoked;

    public bool Shares(string item) => !Declined.Contains(item);
    public bool HasScope(string scope) => Request.Scopes.Contains(scope);
    public void Revoke() => revoked = true;
}

/// <summary>An issued authorization code.</summary>
internal sealed record AuthorizationCode(string Value, Grant Grant, DateTimeOffset ExpiresAt);

/// <summary>An issued access or refresh token.</summary>
internal sealed class IssuedToken(string value, Grant grant, DateTimeOffset issuedAt, DateTimeOffset? expiresAt)
{
    private volatile bool revoked;

    public string Value { get; } = value;
    public Grant Grant { get; } = grant;
    public DateTimeOffset IssuedAt { get; } = issuedAt;
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;
    public bool Revoked => revoked || Grant.Revoked;

    public void Revoke() => revoked = true;
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && now >= at;
    public TimeSpan Remaining(DateTimeOffset now) => ExpiresAt is { } at ? at - now : TimeSpan.MaxValue;
}

/// <summary>How a presented token looks to a resource endpoint.</summary>
internal enum TokenStatus { Valid, Unknown, Expired }

/// <summary>All pending requests, codes and tokens of one emulator instance.</summary>
internal sealed class GrantStore(EmulatorOptions options)
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, PendingAuthorization> pending = new();
    private readonly ConcurrentDictionary<string, AuthorizationCode> codes = new();
    private readonly ConcurrentDictionary<string, IssuedToken> accessTokens = new();
    private readonly ConcurrentDictionary<string, IssuedToken> refreshTokens = new();

    public DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    public void AddPending(PendingAuthorization request) => pending[request.Id] = request;

    public PendingAuthorization? FindPending(string provider, string? id) =>
        id is not null && pending.TryGetValue(id, out var p) && p.Provider == provider && Now - p.CreatedAt < PendingLifetime ? p : null;

    public bool TakePending(PendingAuthorization request) => pending.TryRemove(new(request.Id, request));

    public void AddCode(AuthorizationCode code) => codes[code.Value] = code;

    /// <summary>Removes and returns a live code of this provider; a code is usable once, even when the exchange then fails.</summary>
    public AuthorizationCode? TakeCode(string provider, string? value)
    {
        if (value is null || !codes.TryGetValue(value, out var code) || code.Grant.Provider != provider) return null;
        if (!codes.TryRemove(new(value, code))) return null;
        return Now < code.ExpiresAt && !code.Grant.Revoked ? code : null;
    }

    public IssuedToken IssueAccess(string value, Grant grant, TimeSpan? lifetime) => Add(accessTokens, value, grant, lifetime);

    public IssuedToken IssueRefresh(string value, Grant grant, TimeSpan? lifetime) => Add(refreshTokens, value, grant, lifetime);

    public (TokenStatus Status, IssuedToken? Token) FindAccess(string provider, string? value)
    {
        if (value is null || !accessTokens.TryGetValue(value, out var token) || token.Grant.Provider != provider || token.Revoked)
            return (TokenStatus.Unknown, null);
        return (token.IsExpired(Now) ? TokenStatus.Expired : TokenStatus.Valid, token);
    }

    /// <summary>A refresh token that is live, of this provider and issued to this client; otherwise null.</summary>
    public IssuedToken? FindRefresh(string provider, string clientId, string? value) =>
        value is not null && refreshTokens.TryGetValue(value, out var token) && token.Grant.Provider == provider
            && token.Grant.Client.ClientId == clientId && !token.Revoked && !token.IsExpired(Now) ? token : null;

    public IssuedToken? FindAnyToken(string provider, string? value) =>
        value is null ? null
        : accessTokens.TryGetValue(value, out var a) && a.Grant.Provider == provider ? a
        : refreshTokens.TryGetValue(value, out var r) && r.Grant.Provider == provider ? r
        : null;

    /// <summary>Revokes every grant this person gave this client, including grants whose code is not exchanged yet (Kakao logout/unlink, disconnect).</summary>
    public void RevokeAll(string provider, string clientId, string personId)
    {
        foreach (var g in accessTokens.Values.Concat(refreshTokens.Values).Select(t => t.Grant).Concat(codes.Values.Select(c => c.Grant)))
        {
            if (g.Provider == provider && g.Client.ClientId == clientId && g.Person.Id == personId) g.Revoke();
        }
    }

    private IssuedToken Add(ConcurrentDictionary<string, IssuedToken> into, string value, Grant grant, TimeSpan? lifetime)
    {
        var now = Now;
        var token = new IssuedToken(value, grant, now, lifetime is { } l ? now + l : null);
        into[value] = token;
        return token;
    }
}

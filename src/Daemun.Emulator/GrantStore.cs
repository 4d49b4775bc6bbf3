using System.Collections.Concurrent;

namespace Daemun.Emulator;

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

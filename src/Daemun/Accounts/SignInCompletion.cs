using Daemun.Audit;
using Daemun.Logging;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Sessions;
using Daemun.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Daemun.Accounts;

/// <summary>The last steps of a sign-in, shared by the callback and the choice page: the account rules and the session row in one
/// transaction, the session cookie, and where the person goes next.</summary>
internal sealed class SignInCompletion(AccountResolver accounts, SessionService sessions, NewUserStep newUsers, IUserStore store,
    AuditRecorder audit, ILogger<SignInCompletion> logger)
{
    /// <summary>Resolves the account (linking it to <paramref name="linkToUserId"/> only when given), issues the session (replacing this
    /// browser's previous one) and returns the URL to send the person to: the new-user step for a created user, else <paramref name="callbackUrl"/>.</summary>
    public async Task<string> CompleteAsync(HttpContext context, ProviderOptions p, NormalizedProfile profile, TokenSet tokens,
        Authentication authentication, string? linkToUserId, string callbackUrl)
    {
        var (user, outcome, session) = await ResolveAccountAndIssueSessionAsync(context, p, profile, tokens, authentication, linkToUserId);
        sessions.Write(context, session);
        Log.SignInCompleted(logger, p.Id, user.Id, outcome.ToString());
        var next = outcome == SignInOutcome.Created ? newUsers.NextStep(context, user, callbackUrl) : null;
        return next ?? callbackUrl;
    }

    /// <summary>True when the provider account is linked to a user already (read outside the sign-in's transaction: a race only means the
    /// account rules, which run again inside it, decide).</summary>
    public Task<bool> IsKnownAsync(ProviderOptions p, NormalizedProfile profile, CancellationToken ct) =>
        store.InTransactionAsync(async tx => await tx.FindAccountAsync(p.Id, profile.ProviderAccountId) is not null, ct);

    /// <summary>One transaction: the account rules, the session row and the audit events land together or not at all. A lost race is retried.</summary>
    private async Task<(UserRecord, SignInOutcome, IssuedSession)> ResolveAccountAndIssueSessionAsync(
        HttpContext context, ProviderOptions p, NormalizedProfile profile, TokenSet tokens, Authentication authentication, string? linkToUserId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.InTransactionAsync(async tx =>
                {
                    var (user, outcome) = await accounts.ResolveAsync(tx, p, profile, tokens, linkToUserId);
                    var session = await sessions.IssueAsync(tx, user, authentication, context);
                    if (outcome == SignInOutcome.Created) await tx.AppendAuditAsync(audit.Event(context, AuditEventType.UserCreated, user.Id, p.Id));
                    if (outcome is SignInOutcome.Linked or SignInOutcome.LinkedByEmail)
                    {
                        await tx.AppendAuditAsync(audit.Event(context, AuditEventType.AccountLinked, user.Id, p.Id, details: new { outcome = outcome.ToString() }));
                    }
                    await tx.AppendAuditAsync(audit.Event(context, AuditEventType.UserSignedIn, user.Id, p.Id, details: new { outcome = outcome.ToString() }));
                    return (user, outcome, session);
                }, context.RequestAborted);
            }
            catch (StoreConflictException) when (attempt < 3)
            {
                // a concurrent callback created the same account or email first; the rules now see its rows
            }
        }
    }
}

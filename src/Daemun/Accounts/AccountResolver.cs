using Daemun.Errors;
using Daemun.Protocol;
using Daemun.Providers;
using Daemun.Storage;

namespace Daemun.Accounts;

/// <summary>The account rules (Naver guide §3.3/§4, Auth.js): identify by provider account id, never by email alone.</summary>
internal sealed class AccountResolver(TimeProvider time, ProviderRegistry providers)
{
    /// <summary>Applies the rules inside the sign-in's transaction and returns the user to sign in. A new account is linked to an existing user
    /// only when <paramref name="linkToUserId"/> names one: the explicit intent of that signed-in user (the account page's "connect", or the
    /// answer "link" on the choice page). Merely being signed in never links anything.</summary>
    public async Task<(UserRecord User, SignInOutcome Outcome)> ResolveAsync(
        IStoreTransaction tx, ProviderOptions provider, NormalizedProfile profile, TokenSet tokens, string? linkToUserId)
    {
        var now = time.GetUtcNow();
        var account = await tx.FindAccountAsync(provider.Id, profile.ProviderAccountId);

        if (account is not null)
        {
            if (linkToUserId is not null && account.UserId != linkToUserId)
            {
                throw new DaemunException(ErrorCode.AccountAlreadyLinked, $"{provider.Id} account is linked to another user");
            }
            await tx.UpdateAccountAsync(Refreshed(account, profile, tokens, now));
            var user = await tx.FindUserAsync(account.UserId)
                ?? throw new DaemunException(ErrorCode.StoreUnavailable, "account refers to a missing user");
            user = user with { Name = profile.Name ?? user.Name, Image = profile.Image ?? user.Image, UpdatedAt = now };
            await tx.UpdateUserAsync(user);
            return (user, SignInOutcome.Returning);
        }

        if (linkToUserId is not null)
        {
            var linkTo = await tx.FindUserAsync(linkToUserId)
                ?? throw new DaemunException(ErrorCode.SessionRequired, "the user the account was to be linked to is gone");
            await tx.InsertAccountAsync(NewAccount(linkTo.Id, provider, profile, tokens, now));
            return (linkTo, SignInOutcome.Linked);
        }

        var userEmail = profile.Email;
        var owner = userEmail is null ? null : await tx.FindUserByEmailAsync(userEmail);
        // verified by the provider, or by the operator's declaration (TrustEmails); never across the emulator's boundary: an emulated identity
        // (anyone can be anyone there) and a user whose accounts are real never meet by email, in either direction
        var verified = (profile.EmailVerified || provider.TrustEmails) && (owner is null || await SameEmulationAsync(tx, provider, owner.Id));
        if (owner is not null && !await tx.HasAccountWithEmailAsync(owner.Id, userEmail!))
        {
            // the owner typed this address on the new-user step: an unconfirmed claim never links a provider account and never blocks
            // one; a provider-verified address takes it over, an unverified one is left on the account only
            if (verified) await tx.UpdateUserAsync(owner with { Email = null, EmailVerified = false, UpdatedAt = now });
            else userEmail = null;
        }
        else if (owner is not null)
        {
            if (!(provider.AllowEmailLinking && verified))
            {
                throw new DaemunException(ErrorCode.OAuthAccountNotLinked, $"a new {provider.Id} account's email belongs to an existing user");
            }
            await tx.InsertAccountAsync(NewAccount(owner.Id, provider, profile, tokens, now));
            return (owner, SignInOutcome.LinkedByEmail);
        }

        var created = new UserRecord(tx.NewUserId(provider.Id, profile.ProviderAccountId), profile.Name, userEmail, userEmail is not null && profile.EmailVerified, profile.Image, now, now);
        await tx.InsertUserAsync(created);
        await tx.InsertAccountAsync(NewAccount(created.Id, provider, profile, tokens, now));
        return (created, SignInOutcome.Created);
    }

    /// <summary>True when every account of the user is of a provider emulated exactly when this one is (a provider no longer configured counts as real).</summary>
    private async Task<bool> SameEmulationAsync(IStoreTransaction tx, ProviderOptions provider, string userId) =>
        (await tx.AccountProvidersAsync(userId)).All(id => (providers.Find(id)?.IsEmulated ?? false) == provider.IsEmulated);

    private static AccountRecord NewAccount(string userId, ProviderOptions provider, NormalizedProfile profile, TokenSet tokens, DateTimeOffset now) =>
        new(NewId(), userId, provider.Id, profile.ProviderAccountId, profile.Name, profile.Email, profile.EmailVerified, profile.Image, profile.Raw, Stored(tokens), now, now);

    private static AccountRecord Refreshed(AccountRecord account, NormalizedProfile profile, TokenSet tokens, DateTimeOffset now) =>
        account with
        {
            Name = profile.Name ?? account.Name, // a provider that sends the name only once (Apple) keeps the one it sent
            Email = profile.Email,
            EmailVerified = profile.EmailVerified,
            Image = profile.Image,
            RawProfile = profile.Raw,
            Tokens = Stored(tokens) with { RefreshToken = tokens.RefreshToken ?? account.Tokens.RefreshToken },
            UpdatedAt = now,
        };

    private static ProviderTokens Stored(TokenSet t) => new(t.AccessToken, t.RefreshToken, t.IdToken, t.TokenType, t.Scope, t.ExpiresAt);

    private static string NewId() => Guid.CreateVersion7().ToString("N");
}

using Daemun.Storage;
using Daemun.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Daemun.Tests.Storage;

/// <summary>The one relational store on each dialect, in the same run (independent of <c>DAEMUN_TEST_STORE</c>): concurrent migrations,
/// unique keys taken concurrently, single-use states, encrypted provider tokens, values that round-trip.</summary>
public sealed class StoreDialectTests
{
    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task MigrationsAppliedConcurrentlyByFourInstancesRecordEachVersionOnceWithoutError(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        var instances = Enumerable.Range(0, 4).Select(_ => NewStore(database)).ToList();
        using var start = new SemaphoreSlim(0);

        var migrations = instances.Select(async s =>
        {
            await start.WaitAsync();
            await s.Store.MigrateAsync(CancellationToken.None);
        }).ToList();
        start.Release(instances.Count);
        await Task.WhenAll(migrations);

        var versions = await database.QueryAsync("SELECT version, COUNT(*) FROM daemun_schema GROUP BY version ORDER BY version");
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Equal(1L, Convert.ToInt64(v[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Daemun.Storage.Migrations.All.Select(m => (long)m.Version), versions.Select(v => Convert.ToInt64(v[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0L, await database.ScalarAsync("SELECT COUNT(*) FROM users"));
        foreach (var instance in instances) await instance.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AUniqueKeyTakenConcurrentlySurfacesAsAConflictAndKeepsNothingOfTheLosingTransaction(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        await using var a = NewStore(database);
        await using var b = NewStore(database);
        await a.Store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
        using var start = new SemaphoreSlim(0);

        async Task<string> SignUpAsync(RelationalStore s, string userId)
        {
            await start.WaitAsync();
            return await s.InTransactionAsync(async tx =>
            {
                await tx.InsertUserAsync(new UserRecord(userId, userId, null, false, null, now, now));
                await Task.Delay(100); // both transactions are open at once (PostgreSQL) or queued behind each other (SQLite)
                await tx.InsertAccountAsync(Account($"acct-{userId}", userId, "kakao", "3141592653589", now));
                await Task.Delay(100);
                return userId;
            }, CancellationToken.None);
        }

        var racers = new[] { SignUpAsync(a.Store, "racer-a"), SignUpAsync(b.Store, "racer-b") };
        start.Release(2);
        var outcomes = await Task.WhenAll(racers.Select(async r =>
        {
            try { return (Winner: await r, Error: (Exception?)null); }
            catch (Exception e) { return (Winner: (string?)null, Error: e); }
        }));

        var winner = Assert.Single(outcomes, o => o.Error is null).Winner;
        var loser = Assert.Single(outcomes, o => o.Error is not null).Error;
        Assert.IsType<StoreConflictException>(loser);
        Assert.Equal(1L, await database.ScalarAsync("SELECT COUNT(*) FROM users"));
        Assert.Equal(winner, await database.ScalarAsync("SELECT id FROM users"));
        Assert.Equal(winner, await database.ScalarAsync("SELECT user_id FROM accounts"));

        // and the store is usable right after: the loser's retry sees the winner's account
        var found = await a.Store.InTransactionAsync(tx => tx.FindAccountAsync("kakao", "3141592653589"), CancellationToken.None);
        Assert.Equal(winner, found!.UserId);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ASignInSeesAnAccountBeingCreatedConcurrentlyOnceItIsCommittedNeverOnlyItsUser(string store)
    {
        // the account rules read the account, then the user by email: they must not see the user without its account
        await using var database = await TestDatabase.CreateAsync(store);
        await using var a = NewStore(database);
        await using var b = NewStore(database);
        await a.Store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
        Assert.Null(await b.Store.FindUserAsync("warm-up", CancellationToken.None)); // its first connection is open before the race
        var inserted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var creating = a.Store.InTransactionAsync(async tx =>
        {
            Assert.Null(await tx.FindAccountAsync("google", "109876543210987654321")); // as the rules do: look first, then create
            await tx.InsertUserAsync(new UserRecord("first", "Kim", "minjun.kim@example.com", true, null, now, now));
            await tx.InsertAccountAsync(Account("acct-first", "first", "google", "109876543210987654321", now));
            inserted.SetResult();
            await Task.WhenAny(secondStarted.Task, Task.Delay(2000)); // SQLite: the second cannot begin while this one is open
            await Task.Delay(300); // the second is now looking for the account
            return 0;
        }, CancellationToken.None);
        await inserted.Task;
        secondStarted.SetResult();
        var (account, owner) = await b.Store.InTransactionAsync(async tx =>
        {
            var found = await tx.FindAccountAsync("google", "109876543210987654321");
            await Task.Delay(800); // the first commits meanwhile
            return (found, found is null ? await tx.FindUserByEmailAsync("minjun.kim@example.com") : null);
        }, CancellationToken.None);
        await creating;

        Assert.True(account is not null || owner is null, "the account was missed but its user was found by email (a false OAuthAccountNotLinked)");
        Assert.Equal("first", account?.UserId);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AStateCanBeConsumedOnceEvenByConcurrentCallbacks(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        await using var a = NewStore(database);
        await using var b = NewStore(database);
        await a.Store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
        var expires = now.AddMinutes(15);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? a : b).Store.TryConsumeStateAsync("state-hash", expires, now, CancellationToken.None)));

        Assert.Single(attempts, consumed => consumed);
        Assert.False(await a.Store.TryConsumeStateAsync("state-hash", expires, now.AddMinutes(1), CancellationToken.None));
        Assert.True(await a.Store.TryConsumeStateAsync("another-state-hash", expires, now, CancellationToken.None));
        Assert.Equal(2L, await database.ScalarAsync("SELECT COUNT(*) FROM consumed_states"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AStartedSignInIsTakenOnceEvenByConcurrentCallbacksAndOnlyByItsBrowser(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        await using var a = NewStore(database);
        await using var b = NewStore(database);
        await a.Store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
        await a.Store.SaveSignInRequestAsync(new SignInRequestRecord("state-hash", "browser-hash", "material", now.AddMinutes(15)), now, CancellationToken.None);
        await a.Store.SaveSignInRequestAsync(new SignInRequestRecord("other-tab", "browser-hash", "material 2", now.AddMinutes(15)), now, CancellationToken.None);
        await a.Store.SaveSignInRequestAsync(new SignInRequestRecord("stale", "browser-hash", "material 3", now.AddMinutes(-1)), now.AddMinutes(-16), CancellationToken.None);

        Assert.Equal(SignInRequestOutcome.OtherBrowser,
            (await b.Store.TakeSignInRequestAsync("state-hash", "attacker-hash", now, CancellationToken.None)).Outcome); // and left in place
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? a : b).Store.TakeSignInRequestAsync("state-hash", "browser-hash", now, CancellationToken.None)));

        var taken = Assert.Single(attempts, t => t.Outcome == SignInRequestOutcome.Taken);
        Assert.Equal(("material", true), (taken.Material, taken.BrowserHasOthers)); // "other-tab" is still in progress
        Assert.All(attempts.Where(t => t != taken), t => Assert.Equal(new SignInRequestTake(SignInRequestOutcome.Replayed, null, false), t));
        Assert.Equal(SignInRequestOutcome.Unknown, (await a.Store.TakeSignInRequestAsync("never-issued", "browser-hash", now, CancellationToken.None)).Outcome);
        Assert.Equal(new SignInRequestTake(SignInRequestOutcome.Expired, null, true),
            await a.Store.TakeSignInRequestAsync("stale", "browser-hash", now, CancellationToken.None));
        Assert.Equal(new SignInRequestTake(SignInRequestOutcome.Taken, "material 2", false),
            await b.Store.TakeSignInRequestAsync("other-tab", "browser-hash", now, CancellationToken.None));
        Assert.Equal(0L, await database.ScalarAsync("SELECT COUNT(*) FROM sign_in_requests"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ProviderTokensAreStoredEncryptedAndReadBackDecrypted(string store)
    {
        await using var database = await TestDatabase.CreateAsync(store);
        await using var s = NewStore(database);
        await s.Store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
        var account = Account("acct-1", "user-1", "google", "109876543210987654321", now);

        await s.Store.InTransactionAsync(async tx =>
        {
            await tx.InsertUserAsync(new UserRecord("user-1", "Kim", "minjun.kim@example.com", true, null, now, now));
            await tx.InsertAccountAsync(account);
            return 0;
        }, CancellationToken.None);

        var row = Assert.Single(await database.QueryAsync("SELECT access_token, refresh_token, id_token, token_type, scope FROM accounts"));
        var clear = new[] { account.Tokens.AccessToken!, account.Tokens.RefreshToken!, account.Tokens.IdToken! };
        for (var i = 0; i < clear.Length; i++)
        {
            var stored = Assert.IsType<string>(row[i]);
            Assert.DoesNotContain(clear[i], stored, StringComparison.Ordinal);
            Assert.Equal(clear[i], s.Tokens.Unprotect(stored));
        }
        Assert.Equal("Bearer", row[3]); // not secrets: kept readable
        Assert.Equal("openid email", row[4]);
        var read = Assert.Single(await s.Store.AccountsOfUserAsync("user-1", CancellationToken.None));
        Assert.Equal(account, read);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task UsersAndSessionsRoundTripExactly(string store)
    {
        // BIGINT milliseconds and INTEGER booleans read back into the same records on both dialects
        await using var database = await TestDatabase.CreateAsync(store);
        await using var s = NewStore(database);
        await s.Store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123);
        var user = new UserRecord("user-1", "김민준", "Minjun.Kim@example.com", true, "https://img.example.com/kim.jpg", now, now.AddSeconds(1));
        var session = new SessionRecord("hash-1", "user-1", now.AddDays(30), now, now);

        await s.Store.InTransactionAsync(async tx =>
        {
            await tx.InsertUserAsync(user);
            await tx.InsertSessionAsync(session);
            return 0;
        }, CancellationToken.None);

        var found = await s.Store.FindSessionAsync("hash-1", CancellationToken.None);
        Assert.Equal(session, found!.Value.Session);
        Assert.Equal(user, found.Value.User);
        Assert.Equal(user, await s.Store.InTransactionAsync(tx => tx.FindUserByEmailAsync("minjun.kim@EXAMPLE.com"), CancellationToken.None));
        await s.Store.ExtendSessionAsync("hash-1", now.AddDays(31), now.AddDays(1), CancellationToken.None);
        Assert.Equal(now.AddDays(31), (await s.Store.FindSessionAsync("hash-1", CancellationToken.None))!.Value.Session.ExpiresAt);
        await s.Store.DeleteSessionAsync("hash-1", CancellationToken.None);
        Assert.Null(await s.Store.FindSessionAsync("hash-1", CancellationToken.None));
    }

    private static AccountRecord Account(string id, string userId, string provider, string providerAccountId, DateTimeOffset now) => new(
        id, userId, provider, providerAccountId, "Kim", null, false, null, """{"id":"x"}""",
        new ProviderTokens($"access-{Guid.NewGuid():N}", $"refresh-{Guid.NewGuid():N}", $"eyJ.id-token-{Guid.NewGuid():N}", "Bearer", "openid email", now.AddHours(1)),
        now, now);

    /// <summary>A store instance of its own over <paramref name="database"/> (its own dialect and pool), as another server process would have.</summary>
    private static StoreInstance NewStore(TestDatabase database)
    {
        var dialect = database.NewDialect();
        return new StoreInstance(dialect, new RelationalStore(dialect, database.DataProtection, NullLogger<RelationalStore>.Instance),
            database.DataProtection.CreateProtector("Daemun.ProviderTokens.v1"));
    }

    private sealed class StoreInstance(SqlDialect dialect, RelationalStore store, IDataProtector tokens) : IAsyncDisposable
    {
        public RelationalStore Store { get; } = store;
        public IDataProtector Tokens { get; } = tokens;

        public async ValueTask DisposeAsync()
        {
            if (dialect is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }
}

using Microsoft.Extensions.Time.Testing;
using Daemun.Postgres;
using Daemun.Sqlite;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.Integration;

/// <summary>The schema as the issue declares it: versioned migrations at start-up, foreign keys, indexes; and what a declined consent item leaves.</summary>
public sealed class StoreSchemaTests
{
    [Fact]
    public async Task MigrationsAreRecordedOnceAndARestartKeepsUsersAndSessions()
    {
        var directory = Directory.CreateTempSubdirectory("daemun-restart-").FullName;
        try
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            System.Net.Cookie session;
            await using (var first = await TestSite.StartAsync(clock: clock, dataDirectory: directory))
            {
                using var browser = first.NewBrowser();
                (await browser.SignInAsync("naver", "kim")).Dispose();
                session = browser.Cookie("daemun.session-token")!;
                Assert.Equal(1L, first.Scalar("SELECT COUNT(*) FROM daemun_schema WHERE version = 1"));
            }

            await using var second = await TestSite.StartAsync(clock: clock, dataDirectory: directory);
            using var returning = second.NewBrowser();
            returning.Cookies.Add(new Uri(second.BaseUrl), new System.Net.Cookie(session.Name, session.Value));

            Assert.Equal((long)Daemun.Storage.Migrations.All.Count, second.Scalar("SELECT COUNT(*) FROM daemun_schema")); // each recorded once
            Assert.Equal(1, second.Count("users"));
            Assert.Equal("김민준", (await returning.SessionAsync()).GetProperty("user").GetProperty("name").GetString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AccountsAndSessionsReferenceUsersWithCascadingForeignKeysEnforcedOnDaemunsConnections()
    {
        await using var site = await TestSite.StartAsync();

        if (site.Store == "postgres")
        {
            const string ForeignKey = "SELECT confrelid::regclass::text || '|' || CASE confdeltype WHEN 'c' THEN 'CASCADE' ELSE confdeltype::text END " +
                                      "FROM pg_constraint WHERE contype = 'f' AND conrelid = '{0}'::regclass";
            Assert.Equal("users|CASCADE", site.Scalar(string.Format(System.Globalization.CultureInfo.InvariantCulture, ForeignKey, "accounts")));
            Assert.Equal("users|CASCADE", site.Scalar(string.Format(System.Globalization.CultureInfo.InvariantCulture, ForeignKey, "sessions")));
            // PostgreSQL always enforces them: a session of no user is refused on Daemun's own connections
            await using var dialect = new PostgresDialect(site.ConnectionString);
            await using var pg = dialect.CreateConnection();
            await pg.OpenAsync();
            await using var insert = pg.CreateCommand();
            insert.CommandText = "INSERT INTO sessions (token_hash, user_id, expires_at, created_at, updated_at) VALUES ('t', 'nobody', 0, 0, 0)";
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => insert.ExecuteNonQueryAsync());
            Assert.Equal(Npgsql.PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
            return;
        }
        Assert.Equal("users|CASCADE", site.Scalar("SELECT \"table\" || '|' || on_delete FROM pragma_foreign_key_list('accounts')"));
        Assert.Equal("users|CASCADE", site.Scalar("SELECT \"table\" || '|' || on_delete FROM pragma_foreign_key_list('sessions')"));
        await using var connection = new SqliteDialect($"Data Source={site.DatabasePath}").CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("SELECT * FROM accounts WHERE provider = 'naver' AND provider_account_id = 'x'", "sqlite_autoindex_accounts", "ux_accounts_provider_account")]
    [InlineData("SELECT * FROM accounts WHERE user_id = 'x'", "ix_accounts_user_id", "ix_accounts_user_id")]
    [InlineData("SELECT * FROM users u WHERE u.email_normalized = 'X'", "ux_users_email_normalized", "ux_users_email_normalized")]
    [InlineData("SELECT * FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = 'x'", "sqlite_autoindex_sessions", "sessions_pkey")]
    [InlineData("DELETE FROM consumed_states WHERE expires_at < 0", "ix_consumed_states_expires_at", "ix_consumed_states_expires_at")]
    // taking a sign-in: PostgreSQL may reach the row by its primary key or by the browser's index, both name the table
    [InlineData("DELETE FROM sign_in_requests WHERE state_hash = 'x' AND browser_hash = 'y'", "sqlite_autoindex_sign_in_requests", "sign_in_requests")]
    [InlineData("SELECT COUNT(*) FROM sign_in_requests WHERE browser_hash = 'y' AND expires_at >= 0", "ix_sign_in_requests_browser_hash", "ix_sign_in_requests_browser_hash")]
    [InlineData("DELETE FROM sign_in_requests WHERE state_hash IN (SELECT state_hash FROM sign_in_requests WHERE expires_at < 0 ORDER BY expires_at LIMIT 100)", "ix_sign_in_requests_expires_at", "ix_sign_in_requests_expires_at")]
    [InlineData("DELETE FROM consumed_states WHERE state_hash IN (SELECT state_hash FROM consumed_states WHERE expires_at < 0 ORDER BY expires_at LIMIT 100)", "ix_consumed_states_expires_at", "ix_consumed_states_expires_at")]
    public async Task EveryLookupOnTheSignInAndSessionPathsUsesAnIndex(string query, string sqliteIndex, string postgresIndex)
    {
        await using var site = await TestSite.StartAsync();
        if (site.Store == "postgres")
        {
            // PostgreSQL's planner costs by statistics: on a few empty pages a sequential scan is cheapest and proves nothing,
            // so the tables first hold a realistic number of rows (and are analyzed), as they would in production
            SeedPostgres(site, rows: 5000);
            var plan = Plan(site, "EXPLAIN " + query);
            Assert.Contains(plan, step => step.Contains(postgresIndex, StringComparison.Ordinal) &&
                (step.Contains("Index Scan", StringComparison.Ordinal) || step.Contains("Index Only Scan", StringComparison.Ordinal) || step.Contains("Bitmap Index Scan", StringComparison.Ordinal)));
            Assert.DoesNotContain(plan, step => step.Contains("Seq Scan", StringComparison.Ordinal));
            return;
        }
        var steps = Plan(site, "EXPLAIN QUERY PLAN " + query, column: 3);
        Assert.Contains(steps, step => step.Contains(sqliteIndex, StringComparison.Ordinal));
        Assert.DoesNotContain(steps, step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
    }

    private static List<string> Plan(TestSite site, string explain, int column = 0)
    {
        using var connection = site.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = explain;
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read()) plan.Add(reader.GetString(column));
        return plan;
    }

    private static void SeedPostgres(TestSite site, int rows)
    {
        site.Execute($"""
            INSERT INTO users (id, name, email, email_normalized, email_verified, image, created_at, updated_at)
                SELECT 'u' || i, 'User ' || i, 'user' || i || '@example.com', 'USER' || i || '@EXAMPLE.COM', 1, NULL, i, i FROM generate_series(1, {rows}) i;
            INSERT INTO accounts (id, user_id, provider, provider_account_id, name, email, email_verified, image, raw_profile, created_at, updated_at)
                SELECT 'a' || i, 'u' || i, (ARRAY['naver','kakao','google','github'])[1 + i % 4], 'p' || i, NULL, NULL, 0, NULL, '[]', i, i FROM generate_series(1, {rows}) i;
            INSERT INTO sessions (token_hash, user_id, expires_at, created_at, updated_at)
                SELECT 's' || i, 'u' || i, 1000000 + i, i, i FROM generate_series(1, {rows}) i;
            INSERT INTO consumed_states (state_hash, expires_at)
                SELECT 'c' || i, 1000000 + i FROM generate_series(1, {rows}) i;
            INSERT INTO sign_in_requests (state_hash, browser_hash, material, expires_at)
                SELECT 'r' || i, 'b' || i, 'm', 1000000 + i FROM generate_series(1, {rows}) i;
            ANALYZE users; ANALYZE accounts; ANALYZE sessions; ANALYZE consumed_states; ANALYZE sign_in_requests;
            """);
    }

    [Theory]
    [InlineData("naver", "email")]
    [InlineData("kakao", "account_email")]
    public async Task ADeclinedEmailLeavesTheUserWithoutOne(string provider, string item)
    {
        await using var site = await TestSite.StartAsync();
        using var browser = site.NewBrowser();

        using var callback = await browser.SignInAsync(provider, "kim", null, item);

        Assert.Null(TestBrowser.ErrorCodeOf(callback));
        Assert.Equal(1, site.Count("users", "email IS NULL"));
        Assert.Equal(1, site.Count("accounts", "email IS NULL"));
        Assert.DoesNotContain("minjun.kim@example.com", (string)site.Scalar("SELECT raw_profile FROM accounts")!, StringComparison.Ordinal);
    }
}

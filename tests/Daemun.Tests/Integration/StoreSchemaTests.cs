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
            var clock = new ManualClock();
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

        Assert.Equal("users|CASCADE", site.Scalar("SELECT \"table\" || '|' || on_delete FROM pragma_foreign_key_list('accounts')"));
        Assert.Equal("users|CASCADE", site.Scalar("SELECT \"table\" || '|' || on_delete FROM pragma_foreign_key_list('sessions')"));
        await using var connection = new SqliteDialect($"Data Source={site.DatabasePath}").CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("SELECT * FROM accounts WHERE provider = 'naver' AND provider_account_id = 'x'", "sqlite_autoindex_accounts")]
    [InlineData("SELECT * FROM accounts WHERE user_id = 'x'", "ix_accounts_user_id")]
    [InlineData("SELECT * FROM users u WHERE u.email_normalized = 'X'", "ux_users_email_normalized")]
    [InlineData("SELECT * FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = 'x'", "sqlite_autoindex_sessions")]
    [InlineData("DELETE FROM consumed_states WHERE expires_at < 0", "ix_consumed_states_expires_at")]
    public async Task EveryLookupOnTheSignInAndSessionPathsUsesAnIndex(string query, string index)
    {
        await using var site = await TestSite.StartAsync();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={site.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query;
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read()) plan.Add(reader.GetString(3));

        Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
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

using Daemun.Postgres;
using Npgsql;

namespace Daemun.Tests.MultiInstance;

/// <summary>The PostgreSQL dialect answers StoreUnavailable within seconds, not Npgsql's 15 s connect / 30 s command defaults.</summary>
public sealed class PostgresDialectTests
{
    [Fact]
    public void A_connection_string_without_timeouts_gets_short_ones()
    {
        var s = new NpgsqlConnectionStringBuilder(PostgresDialect.WithDefaults("Host=127.0.0.1;Database=daemun;Username=daemun"));
        Assert.Equal(3, s.Timeout);
        Assert.Equal(5, s.CommandTimeout);
    }

    [Theory]
    [InlineData("Host=db;Timeout=7;Command Timeout=20")]
    [InlineData("Host=db;timeout=7;command timeout=20")]
    public void Timeouts_the_connection_string_sets_are_kept(string connectionString)
    {
        var s = new NpgsqlConnectionStringBuilder(PostgresDialect.WithDefaults(connectionString));
        Assert.Equal(7, s.Timeout);
        Assert.Equal(20, s.CommandTimeout);
    }
}

using Daemun.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Daemun.Postgres;

/// <summary>Registers the PostgreSQL store.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>Stores users, accounts and sessions in PostgreSQL; the same queries as SQLite (one relational store).
    /// The dialect is created by the container, so its pooled connections are closed when the app is disposed.</summary>
    public static DaemunBuilder UsePostgres(this DaemunBuilder builder, string connectionString)
    {
        _ = new NpgsqlConnectionStringBuilder(connectionString); // a malformed string still fails here, at configuration time
        builder.Services.RemoveAll<SqlDialect>();
        builder.Services.AddSingleton<SqlDialect>(_ => new PostgresDialect(connectionString));
        return builder;
    }
}

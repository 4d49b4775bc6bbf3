using Daemun.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Daemun.Postgres;

/// <summary>Registers the PostgreSQL store.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>Stores users, accounts and sessions in PostgreSQL; the same queries as SQLite (one relational store).</summary>
    public static DaemunBuilder UsePostgres(this DaemunBuilder builder, string connectionString)
    {
        builder.Services.RemoveAll<SqlDialect>();
        builder.Services.AddSingleton<SqlDialect>(new PostgresDialect(connectionString));
        return builder;
    }
}

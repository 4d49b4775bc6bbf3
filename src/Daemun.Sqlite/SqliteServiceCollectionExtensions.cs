using Daemun.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Daemun.Sqlite;

/// <summary>Registers the SQLite store.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>Stores users, accounts and sessions in a SQLite file (default <c>Data Source=data/daemun.db</c>).</summary>
    public static DaemunBuilder UseSqlite(this DaemunBuilder builder, string connectionString = "Data Source=data/daemun.db")
    {
        builder.Services.RemoveAll<SqlDialect>();
        builder.Services.AddSingleton<SqlDialect>(new SqliteDialect(connectionString));
        return builder;
    }
}

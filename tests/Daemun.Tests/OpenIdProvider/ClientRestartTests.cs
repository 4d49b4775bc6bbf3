using System.Net;
using Daemun.Tests.Infrastructure;

namespace Daemun.Tests.OpenIdProvider;

/// <summary>The configured clients are synchronized into the store at every start: a restart on the same data (or a second instance) keeps a
/// confidential client's stored secret hash when its secret is unchanged, and replaces it when the configuration changed it.</summary>
public sealed class ClientRestartTests
{
    [Fact]
    public async Task ASiteStartsAgainOnItsOwnDataWithTheSameSecretAndThenWithAChangedOne()
    {
        var directory = Directory.CreateTempSubdirectory("daemun-restart-clients-").FullName;
        try
        {
            const string first = "machine-secret-first-0123456789";
            const string second = "machine-secret-second-0123456789";
            await using (var site = await TestSite.StartAsync(Settings(first), dataDirectory: directory))
            {
                Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(site, first));
            }
            await using (var again = await TestSite.StartAsync(Settings(first), dataDirectory: directory))
            {
                Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(again, first));
            }
            await using var changed = await TestSite.StartAsync(Settings(second), dataDirectory: directory);
            Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(changed, second));
            Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(changed, first));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var marker = Path.Combine(directory, "postgres-database"); // DAEMUN_TEST_STORE=postgres: the sites' database on the shared server
            if (File.Exists(marker)) await (await SharedPostgres.GetAsync()).DropDatabaseAsync((await File.ReadAllTextAsync(marker)).Trim());
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Dictionary<string, string?> Settings(string secret) => new()
    {
        ["Daemun:OpenIdProvider:ApiScopes:reports:Audience"] = "reports-api",
        ["Daemun:OpenIdProvider:Clients:machine:Type"] = "machine",
        ["Daemun:OpenIdProvider:Clients:machine:ClientSecret"] = secret,
        ["Daemun:OpenIdProvider:Clients:machine:Scopes:0"] = "reports",
    };

    private static async Task<HttpStatusCode> TokenStatusAsync(TestSite site, string secret) =>
        (await new OidcTestClient(site, "machine", secret, "http://127.0.0.1:5990/unused")
            .TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "reports" })).Status;
}

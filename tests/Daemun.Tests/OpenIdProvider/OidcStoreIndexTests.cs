namespace Daemun.Tests.OpenIdProvider;

/// <summary>The lookups OpenIddict makes on every authorize, token, introspection and revocation request use an index of migration 6,
/// in the exact shape the stores send them (paged listings add <c>ORDER BY id LIMIT</c>).</summary>
public sealed class OidcStoreIndexTests(OidcStoreDatabase db) : IClassFixture<OidcStoreDatabase>
{
    private const string Page = " ORDER BY id LIMIT 100 OFFSET 0";

    [Theory]
    [InlineData("SELECT * FROM oidc_applications WHERE client_id = 'c1'", "ux_oidc_applications_client_id")]
    [InlineData("SELECT * FROM oidc_application_uris WHERE uri_hash = 'h1' AND kind = 0 AND uri = 'u1'", "ix_oidc_application_uris_uri_hash")]
    [InlineData("SELECT * FROM oidc_tokens WHERE reference_id = 'r1'", "ux_oidc_tokens_reference_id")]
    [InlineData("SELECT * FROM oidc_tokens WHERE (authorization_id = 'a1')" + Page, "ix_oidc_tokens_authorization_id")]
    [InlineData("UPDATE oidc_tokens SET status = 'revoked' WHERE 1 = 1 AND authorization_id = 'a1' AND (status IS NULL OR status <> 'revoked')", "ix_oidc_tokens_authorization_id")]
    [InlineData("SELECT * FROM oidc_tokens WHERE (1 = 1 AND application_id = 'p1' AND subject = 's1' AND status = 'valid' AND type = 't')" + Page, "ix_oidc_tokens_application_subject_status")]
    [InlineData("SELECT * FROM oidc_tokens WHERE (subject = 's1')" + Page, "ix_oidc_tokens_subject")]
    [InlineData("SELECT * FROM oidc_authorizations WHERE (1 = 1 AND subject = 's1' AND application_id = 'p1' AND status = 'valid' AND type = 'permanent')" + Page, "ix_oidc_authorizations_subject_application")]
    [InlineData("SELECT * FROM oidc_scopes WHERE name = 'n1'", "ux_oidc_scopes_name")]
    public async Task EveryPerRequestLookupUsesAnIndex(string query, string index)
    {
        await SeedOnceAsync();
        if (db.Store == "postgres")
        {
            var plan = await PlanAsync("EXPLAIN " + query);
            Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal) && step.Contains("Index", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("Seq Scan", StringComparison.Ordinal));
            return;
        }
        var steps = await PlanAsync("EXPLAIN QUERY PLAN " + query, column: 3);
        Assert.Contains(steps, step => step.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(steps, step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));
    }

    private static readonly SemaphoreSlim Seeding = new(1);
    private static readonly HashSet<string> Seeded = [];

    /// <summary>PostgreSQL's planner costs by statistics: on empty tables a sequential scan is cheapest and proves nothing, so the tables
    /// first hold a realistic number of rows, analyzed.</summary>
    private async Task SeedOnceAsync()
    {
        if (db.Store != "postgres") return;
        await Seeding.WaitAsync();
        try
        {
            if (!Seeded.Add(db.ConnectionString)) return;
            await db.ScalarAsync("""
                INSERT INTO oidc_applications (id, client_id, redirect_uris, concurrency_token)
                    SELECT 'p' || i, 'c' || i, '["https://x/' || i || '"]', 'x' FROM generate_series(1, 2000) i;
                INSERT INTO oidc_application_uris (application_id, kind, uri_hash, uri)
                    SELECT 'p' || i, i % 2, 'h' || i, 'u' || i FROM generate_series(1, 2000) i;
                INSERT INTO oidc_authorizations (id, application_id, subject, status, type, creation_date, concurrency_token)
                    SELECT 'a' || i, 'p' || (1 + i % 2000), 's' || (i % 3000), 'valid', 'permanent', i, 'x' FROM generate_series(1, 10000) i;
                INSERT INTO oidc_tokens (id, application_id, authorization_id, subject, status, type, reference_id, creation_date, concurrency_token)
                    SELECT 't' || i, 'p' || (1 + i % 2000), 'a' || (1 + i % 10000), 's' || (i % 3000), 'valid', 't', 'r' || i, i, 'x' FROM generate_series(1, 20000) i;
                INSERT INTO oidc_scopes (id, name, concurrency_token) SELECT 'sc' || i, 'n' || i, 'x' FROM generate_series(1, 2000) i;
                ANALYZE oidc_applications; ANALYZE oidc_application_uris; ANALYZE oidc_authorizations; ANALYZE oidc_tokens; ANALYZE oidc_scopes;
                SELECT 1;
                """);
        }
        finally
        {
            Seeding.Release();
        }
    }

    private async Task<List<string>> PlanAsync(string explain, int column = 0)
    {
        var plan = new List<string>();
        await db.ReadAsync(explain, reader => plan.Add(reader.GetString(column)));
        return plan;
    }
}

namespace Daemun.Storage;

/// <summary>The schema, as numbered steps applied in order at start-up. The SQL is portable across SQLite and PostgreSQL:
/// times are BIGINT Unix milliseconds, booleans are INTEGER 0/1.</summary>
internal static class Migrations
{
    public static IReadOnlyList<(int Version, string Sql)> All { get; } =
    [
        (1, """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                name TEXT NULL,
                email TEXT NULL,
                email_normalized TEXT NULL,
                email_verified INTEGER NOT NULL DEFAULT 0,
                image TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE UNIQUE INDEX ux_users_email_normalized ON users (email_normalized);

            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                provider TEXT NOT NULL,
                provider_account_id TEXT NOT NULL,
                name TEXT NULL,
                email TEXT NULL,
                email_verified INTEGER NOT NULL DEFAULT 0,
                image TEXT NULL,
                raw_profile TEXT NOT NULL,
                access_token TEXT NULL,
                refresh_token TEXT NULL,
                id_token TEXT NULL,
                token_type TEXT NULL,
                scope TEXT NULL,
                expires_at BIGINT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                CONSTRAINT ux_accounts_provider_account UNIQUE (provider, provider_account_id)
            );
            CREATE INDEX ix_accounts_user_id ON accounts (user_id);

            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                expires_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX ix_sessions_user_id ON sessions (user_id);
            CREATE INDEX ix_sessions_expires_at ON sessions (expires_at);

            CREATE TABLE consumed_states (
                state_hash TEXT PRIMARY KEY,
                expires_at BIGINT NOT NULL
            );
            CREATE INDEX ix_consumed_states_expires_at ON consumed_states (expires_at);
            """),
        (2, """
            CREATE TABLE data_protection_keys (
                friendly_name TEXT PRIMARY KEY,
                xml TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            """),
        (3, """
            CREATE TABLE sign_in_requests (
                state_hash TEXT PRIMARY KEY,
                browser_hash TEXT NOT NULL,
                material TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            );
            CREATE INDEX ix_sign_in_requests_expires_at ON sign_in_requests (expires_at);
            CREATE INDEX ix_sign_in_requests_browser_hash ON sign_in_requests (browser_hash);
            """),
        (4, """
            ALTER TABLE accounts ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE accounts ADD COLUMN refresh_lease_owner TEXT NULL;
            ALTER TABLE accounts ADD COLUMN refresh_lease_until BIGINT NULL;
            ALTER TABLE accounts ADD COLUMN needs_reauthorization INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX ix_accounts_user_id_provider ON accounts (user_id, provider);
            DROP INDEX ix_accounts_user_id;
            ALTER TABLE sessions ADD COLUMN provider TEXT NULL;
            ALTER TABLE sessions ADD COLUMN authenticated_at BIGINT NULL;
            """),
        (5, """
            ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE users ADD COLUMN sessions_revoked_at BIGINT NULL;
            """),
        // 6: OpenIddict's tables (the OpenID Provider's applications, authorizations, scopes, tokens), on its own branch until merged.
        // The runner applies each version not yet recorded, so a gap is harmless.
        (7, """
            CREATE TABLE oidc_keys (
                id TEXT PRIMARY KEY,
                use TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                protected_material TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                signs_from BIGINT NOT NULL,
                retires_at BIGINT NULL
            );
            """),
    ];
}

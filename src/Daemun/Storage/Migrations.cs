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
        // The OpenID Provider's OpenIddict entities (Daemun.OpenIdProvider/Storage). JSON-valued fields are TEXT; every row carries a
        // concurrency token that an update must match. A redirect URI is looked up exactly through oidc_application_uris (kind 0:
        // redirect, 1: post-logout), indexed by its SHA-256 so that a long URI fits in an index. Deleting an application deletes its
        // authorizations and tokens; deleting an authorization deletes its tokens.
        (6, """
            CREATE TABLE oidc_applications (
                id TEXT PRIMARY KEY,
                client_id TEXT NULL,
                client_secret TEXT NULL,
                client_type TEXT NULL,
                application_type TEXT NULL,
                consent_type TEXT NULL,
                display_name TEXT NULL,
                display_names TEXT NULL,
                json_web_key_set TEXT NULL,
                permissions TEXT NULL,
                post_logout_redirect_uris TEXT NULL,
                redirect_uris TEXT NULL,
                requirements TEXT NULL,
                settings TEXT NULL,
                properties TEXT NULL,
                concurrency_token TEXT NOT NULL
            );
            CREATE UNIQUE INDEX ux_oidc_applications_client_id ON oidc_applications (client_id);

            CREATE TABLE oidc_application_uris (
                application_id TEXT NOT NULL REFERENCES oidc_applications (id) ON DELETE CASCADE,
                kind INTEGER NOT NULL,
                uri_hash TEXT NOT NULL,
                uri TEXT NOT NULL
            );
            CREATE INDEX ix_oidc_application_uris_uri_hash ON oidc_application_uris (uri_hash, kind);
            CREATE INDEX ix_oidc_application_uris_application_id ON oidc_application_uris (application_id);

            CREATE TABLE oidc_authorizations (
                id TEXT PRIMARY KEY,
                application_id TEXT NULL REFERENCES oidc_applications (id) ON DELETE CASCADE,
                subject TEXT NULL,
                status TEXT NULL,
                type TEXT NULL,
                scopes TEXT NULL,
                properties TEXT NULL,
                creation_date BIGINT NULL,
                concurrency_token TEXT NOT NULL
            );
            CREATE INDEX ix_oidc_authorizations_subject_application ON oidc_authorizations (subject, application_id, status, type);
            CREATE INDEX ix_oidc_authorizations_application_id ON oidc_authorizations (application_id);
            CREATE INDEX ix_oidc_authorizations_creation_date ON oidc_authorizations (creation_date);

            CREATE TABLE oidc_tokens (
                id TEXT PRIMARY KEY,
                application_id TEXT NULL REFERENCES oidc_applications (id) ON DELETE CASCADE,
                authorization_id TEXT NULL REFERENCES oidc_authorizations (id) ON DELETE CASCADE,
                subject TEXT NULL,
                status TEXT NULL,
                type TEXT NULL,
                reference_id TEXT NULL,
                payload TEXT NULL,
                properties TEXT NULL,
                creation_date BIGINT NULL,
                expiration_date BIGINT NULL,
                redemption_date BIGINT NULL,
                concurrency_token TEXT NOT NULL
            );
            CREATE UNIQUE INDEX ux_oidc_tokens_reference_id ON oidc_tokens (reference_id);
            CREATE INDEX ix_oidc_tokens_authorization_id ON oidc_tokens (authorization_id);
            CREATE INDEX ix_oidc_tokens_application_subject_status ON oidc_tokens (application_id, subject, status, type);
            CREATE INDEX ix_oidc_tokens_subject ON oidc_tokens (subject);
            CREATE INDEX ix_oidc_tokens_creation_date ON oidc_tokens (creation_date);

            CREATE TABLE oidc_scopes (
                id TEXT PRIMARY KEY,
                name TEXT NULL,
                display_name TEXT NULL,
                display_names TEXT NULL,
                description TEXT NULL,
                descriptions TEXT NULL,
                resources TEXT NULL,
                properties TEXT NULL,
                concurrency_token TEXT NOT NULL
            );
            CREATE UNIQUE INDEX ux_oidc_scopes_name ON oidc_scopes (name);
            """),
        // The OpenID Provider's keys (Daemun.OpenIdProvider/Keys): signing keys (use 'sig'), the encryption key ('enc') and the pairwise
        // secret ('pairwise'); protected_material is the private key or secret encrypted with Data Protection.
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
        // The audit log (IAuditStore): event_type is a stable snake_case name (AuditEventTypes), error_code an ErrorCode name; no foreign key
        // to users, so a deleted user's history stays until the retention (Daemun:Audit:Retention) removes it.
        (8, """
            CREATE TABLE audit_events (
                id TEXT PRIMARY KEY,
                occurred_at BIGINT NOT NULL,
                event_type TEXT NOT NULL,
                user_id TEXT NULL,
                provider TEXT NULL,
                error_code TEXT NULL,
                ip TEXT NULL,
                user_agent TEXT NULL,
                details TEXT NULL
            );
            CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);
            CREATE INDEX ix_audit_events_user_id ON audit_events (user_id, occurred_at);
            """),
    ];
}

#!/usr/bin/env bash
# Index use at scale: migrates a throwaway PostgreSQL database and a SQLite file with the real server (Migrations.cs at start-up),
# seeds 1,000,000 users, 1,000,000 accounts and 1,000,000 sessions (plus 100,000 consumed states and 100,000 sign-in requests)
# in SQL, ANALYZEs, then explains
# every statement RelationalStore.cs runs on the sign-in and session paths, with literal values:
#   PostgreSQL: EXPLAIN (ANALYZE, BUFFERS), inside BEGIN … ROLLBACK for writes; prints the plan's scan nodes and the execution time.
#   SQLite:     EXPLAIN QUERY PLAN, and the statement's mean time over RUNS (5000) executions in one rolled-back transaction
#               through the sqlite3 shell (so it includes the shell's parsing; repeated writes after the first may find no row).
# Exits 1 when any plan reads users, accounts, sessions, consumed_states or sign_in_requests sequentially (PostgreSQL "Seq Scan",
# SQLite "SCAN").
# Environment: ROWS (default 1000000), STORES (default "postgres sqlite").
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
STORES=${STORES:-postgres sqlite}
. bench/lib.sh
build_server
NOW=1795000000000            # a fixed "now" in Unix ms: sessions expire 30 days later, states within 15 minutes
STATES=$((ROWS / 10))
K=$((ROWS / 2))              # the row every lookup asks for (in the middle of the key ranges)
KR=$((STATES / 2))           # the sign-in request every sign_in_requests lookup asks for
FAILED=0

migrate() { # $1 provider, $2 connection string: start the Release server once (it migrates at start-up), then stop it
  start_server "$(free_port)" "$1" "$2" Database "migrate-$1"
  stop_servers
}

echo "Daemun index check — $(machine); $ROWS users, $ROWS accounts, $ROWS sessions, $STATES consumed states, $STATES sign-in requests"

# The statements, in RelationalStore.cs's words, with literal values. <U> user id, <A> account id, <T> session token hash,
# <S> a new state hash, <R> the state hash of a stored sign-in request, <B> that request's browser hash, <PAID> a Naver account's id.
USER_COLUMNS="u.id AS Id, u.name AS Name, u.email AS Email, u.email_verified AS EmailVerified, u.image AS Image, u.created_at AS CreatedAt, u.updated_at AS UpdatedAt"
ACCOUNT_COLUMNS="id AS Id, user_id AS UserId, provider AS Provider, provider_account_id AS ProviderAccountId, name AS Name, email AS Email, email_verified AS EmailVerified, image AS Image, raw_profile AS RawProfile, access_token AS AccessToken, refresh_token AS RefreshToken, id_token AS IdToken, token_type AS TokenType, scope AS Scope, expires_at AS ExpiresAt, created_at AS CreatedAt, updated_at AS UpdatedAt, token_version AS TokenVersion, needs_reauthorization AS NeedsReauthorization"
LEASE_UNTIL=$((NOW + 60000))
QUERIES=(
  "FindAccount (provider, provider_account_id)|SELECT $ACCOUNT_COLUMNS FROM accounts WHERE provider = 'naver' AND provider_account_id = '<PAID>'"
  "FindUserByEmail (email_normalized)|SELECT $USER_COLUMNS FROM users u WHERE u.email_normalized = 'USER$K@EXAMPLE.COM'"
  "FindUser (id)|SELECT $USER_COLUMNS FROM users u WHERE u.id = '<U>'"
  "FindSession (token_hash JOIN users)|SELECT s.token_hash AS TokenHash, s.user_id AS UserId, s.expires_at AS ExpiresAt, s.created_at AS SessionCreatedAt, s.updated_at AS SessionUpdatedAt, s.provider AS SessionProvider, s.authenticated_at AS AuthenticatedAt, $USER_COLUMNS FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = '<T>'"
  "AccountsOfUser (user_id ORDER BY created_at)|SELECT $ACCOUNT_COLUMNS FROM accounts WHERE user_id = '<U>' ORDER BY created_at"
  "FindAccountOfUser (user_id, provider)|SELECT $ACCOUNT_COLUMNS FROM accounts WHERE user_id = '<U>' AND provider = 'naver' ORDER BY updated_at DESC, id LIMIT 1"
  "ExtendSession (UPDATE by token_hash)|UPDATE sessions SET expires_at = $((NOW + 2592000000)), updated_at = $NOW WHERE token_hash = '<T>'"
  "DeleteSession (DELETE by token_hash)|DELETE FROM sessions WHERE token_hash = '<T>'"
  "InsertUser|INSERT INTO users (id, name, email, email_normalized, email_verified, image, created_at, updated_at) VALUES ('bench-new-user-id', 'Kim', 'bench-new@example.com', 'BENCH-NEW@EXAMPLE.COM', 1, NULL, $NOW, $NOW)"
  "InsertAccount|INSERT INTO accounts (id, user_id, provider, provider_account_id, name, email, email_verified, image, raw_profile, access_token, refresh_token, id_token, token_type, scope, expires_at, created_at, updated_at) VALUES ('bench-new-account-id', '<U>', 'kakao', 'bench-new-provider-account', 'Kim', NULL, 0, NULL, '{}', NULL, NULL, NULL, 'bearer', 'profile', NULL, $NOW, $NOW)"
  "InsertSession|INSERT INTO sessions (token_hash, user_id, expires_at, created_at, updated_at, provider, authenticated_at) VALUES ('bench-new-session-token-hash', '<U>', $((NOW + 2592000000)), $NOW, $NOW, 'naver', $NOW)"
  "UpdateUser (by id)|UPDATE users SET name = 'Kim', email = 'user$K@example.com', email_normalized = 'USER$K@EXAMPLE.COM', email_verified = 1, image = NULL, updated_at = $NOW WHERE id = '<U>'"
  "UpdateAccount (by id)|UPDATE accounts SET name = 'Kim', email = NULL, email_verified = 0, image = NULL, raw_profile = '{}', access_token = NULL, refresh_token = NULL, id_token = NULL, token_type = NULL, scope = NULL, expires_at = NULL, updated_at = $NOW, token_version = token_version + 1, needs_reauthorization = 0 WHERE id = '<A>'"
  "TryTakeRefreshLease (by id, token_version)|UPDATE accounts SET refresh_lease_owner = 'bench-lease-owner', refresh_lease_until = $LEASE_UNTIL WHERE id = '<A>' AND token_version = 0 AND (refresh_lease_until IS NULL OR refresh_lease_until < $NOW)"
  "CompleteRefresh (by id, owner, token_version)|UPDATE accounts SET access_token = 'bench-access', refresh_token = 'bench-refresh', id_token = NULL, token_type = 'bearer', scope = 'profile', expires_at = $((NOW + 3600000)), token_version = token_version + 1, needs_reauthorization = 0, refresh_lease_owner = NULL, refresh_lease_until = NULL, updated_at = $NOW WHERE id = '<A>' AND refresh_lease_owner = 'bench-lease-owner' AND token_version = 0"
  "MarkReauthorizationRequired (by id, owner)|UPDATE accounts SET needs_reauthorization = 1, token_version = token_version + 1, refresh_lease_owner = NULL, refresh_lease_until = NULL, updated_at = $NOW WHERE id = '<A>' AND refresh_lease_owner = 'bench-lease-owner' AND token_version = 0"
  "ReleaseRefreshLease (by id, owner)|UPDATE accounts SET refresh_lease_owner = NULL, refresh_lease_until = NULL WHERE id = '<A>' AND refresh_lease_owner = 'bench-lease-owner'"
  "DeleteAccount (by id)|DELETE FROM accounts WHERE id = '<A>'"
  "DeleteAccountByProviderId: SELECT user_id|SELECT user_id FROM accounts WHERE provider = 'naver' AND provider_account_id = '<PAID>'"
  "DeleteAccountByProviderId: DELETE|DELETE FROM accounts WHERE provider = 'naver' AND provider_account_id = '<PAID>'"
  "DeleteUser: sessions by user_id|DELETE FROM sessions WHERE user_id = '<U>'"
  "DeleteUser: accounts by user_id|DELETE FROM accounts WHERE user_id = '<U>'"
  "DeleteUser: user by id (FK cascades)|DELETE FROM users WHERE id = '<U>'"
  "consumed_states DELETE expired (expires_at)|DELETE FROM consumed_states WHERE expires_at < $NOW"
  "consumed_states INSERT ON CONFLICT|INSERT INTO consumed_states (state_hash, expires_at) VALUES ('<S>', $((NOW + 900000))) ON CONFLICT (state_hash) DO NOTHING"
  "SaveSignInRequest INSERT|INSERT INTO sign_in_requests (state_hash, browser_hash, material, expires_at) VALUES ('<S>', '<B>', 'bench-material', $((NOW + 900000)))"
  "SaveSignInRequest cleanup sign_in_requests|DELETE FROM sign_in_requests WHERE state_hash IN (SELECT state_hash FROM sign_in_requests WHERE expires_at < $NOW ORDER BY expires_at LIMIT 100)"
  "SaveSignInRequest cleanup consumed_states|DELETE FROM consumed_states WHERE state_hash IN (SELECT state_hash FROM consumed_states WHERE expires_at < $NOW ORDER BY expires_at LIMIT 100)"
  "TakeSignInRequest DELETE … RETURNING|DELETE FROM sign_in_requests WHERE state_hash = '<R>' AND browser_hash = '<B>' RETURNING material AS Material, expires_at AS ExpiresAt"
  "TakeSignInRequest not taken: EXISTS lookup|SELECT CASE WHEN EXISTS (SELECT 1 FROM sign_in_requests WHERE state_hash = '<R>') THEN 1 WHEN EXISTS (SELECT 1 FROM consumed_states WHERE state_hash = '<R>') THEN 2 ELSE 0 END"
  "TakeSignInRequest: other requests of browser|SELECT COUNT(*) FROM sign_in_requests WHERE browser_hash = '<B>' AND expires_at >= $NOW"
)
SEQ_TABLES='users|accounts|sessions|consumed_states|sign_in_requests'

bind() { # $1 statement: the placeholders replaced by the literal keys of row K
  local s=$1
  s=${s//<U>/$KEY_U}; s=${s//<T>/$KEY_T}; s=${s//<A>/$KEY_A}; s=${s//<S>/$KEY_S}; s=${s//<PAID>/$KEY_PAID}; s=${s//<R>/$KEY_R}; s=${s//<B>/$KEY_B}
  printf '%s' "$s"
}

sqlite_mean() { # $1 db, $2 statement: mean time of RUNS executions in one rolled-back transaction, less an empty transaction's time
  local runs=${RUNS:-5000} script="$BENCH_TMP/timing.sql" t0 t1 t2
  { echo "PRAGMA foreign_keys = ON; BEGIN;"; for _ in $(seq 1 "$runs"); do echo "$2;"; done; echo "ROLLBACK;"; } >"$script"
  t0=$(date +%s%N); sqlite3 "$1" "PRAGMA foreign_keys = ON; BEGIN; ROLLBACK;" >/dev/null 2>&1 || true
  t1=$(date +%s%N); sqlite3 "$1" <"$script" >/dev/null 2>&1 || true
  t2=$(date +%s%N)
  awk -v a=$((t1 - t0)) -v b=$((t2 - t1)) -v n="$runs" 'BEGIN { t = (b - a) / n / 1e6; if (t < 0.005) print "< 0.005 ms"; else printf "%.3f ms", t }'
}

report() { # label, plan summary, time, verdict
  printf '  %-46s %-72s %10s  %s\n' "$1" "$2" "$3" "$4"
  SUMMARY+=("| $1 | $2 | $3 | $4 |")
}

if [[ " $STORES " == *" postgres "* ]]; then
  pg_start
  psql_db postgres -c "CREATE DATABASE indexes"
  migrate postgres "$(pg_conn indexes)"
  started=$SECONDS
  psql_db indexes <<SQL
INSERT INTO users (id, name, email, email_normalized, email_verified, image, created_at, updated_at)
  SELECT md5('u' || i), 'User ' || i, 'user' || i || '@example.com', 'USER' || i || '@EXAMPLE.COM', 1, NULL, $NOW - i, $NOW - i
  FROM generate_series(1, $ROWS) i;
INSERT INTO accounts (id, user_id, provider, provider_account_id, name, email, email_verified, image, raw_profile, token_type, scope, created_at, updated_at)
  SELECT md5('a' || i), md5('u' || i), (ARRAY['naver', 'kakao', 'google', 'github'])[1 + i % 4], i::text, 'User ' || i,
         'user' || i || '@example.com', 1, NULL, '{"id":"' || i || '","nickname":"User ' || i || '"}', 'bearer', 'profile', $NOW - i, $NOW - i
  FROM generate_series(1, $ROWS) i;
INSERT INTO sessions (token_hash, user_id, expires_at, created_at, updated_at)
  SELECT rtrim(translate(encode(sha256(('t' || i)::bytea), 'base64'), '+/', '-_'), '='), md5('u' || i), $NOW + 2592000000 - i, $NOW - i, $NOW - i
  FROM generate_series(1, $ROWS) i;
INSERT INTO consumed_states (state_hash, expires_at)
  SELECT rtrim(translate(encode(sha256(('s' || i)::bytea), 'base64'), '+/', '-_'), '='), $NOW - 10 + (i % 900000)
  FROM generate_series(1, $STATES) i;
INSERT INTO sign_in_requests (state_hash, browser_hash, material, expires_at)
  SELECT rtrim(translate(encode(sha256(('r' || i)::bytea), 'base64'), '+/', '-_'), '='),
         rtrim(translate(encode(sha256(('b' || i)::bytea), 'base64'), '+/', '-_'), '='),
         'CfDJ8' || repeat(md5('m' || i), 8), $NOW - 10 + (i % 900000)
  FROM generate_series(1, $STATES) i;
ANALYZE;
SQL
  echo "PostgreSQL $(psql_db indexes -Atc 'SHOW server_version' | cut -d' ' -f1): seeded and analyzed in $((SECONDS - started)) s; table sizes: $(psql_db indexes -Atc \
    "SELECT string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)), ', ' ORDER BY relname) FROM pg_class WHERE relname IN ('users','accounts','sessions','consumed_states','sign_in_requests')")"
  KEY_U=$(psql_db indexes -Atc "SELECT md5('u$K')")
  KEY_A=$(psql_db indexes -Atc "SELECT md5('a$K')")
  KEY_T=$(psql_db indexes -Atc "SELECT rtrim(translate(encode(sha256('t$K'::bytea), 'base64'), '+/', '-_'), '=')")
  KEY_S='bench-new-state-hash'
  KEY_R=$(psql_db indexes -Atc "SELECT rtrim(translate(encode(sha256('r$KR'::bytea), 'base64'), '+/', '-_'), '=')")
  KEY_B=$(psql_db indexes -Atc "SELECT rtrim(translate(encode(sha256('b$KR'::bytea), 'base64'), '+/', '-_'), '=')")
  KEY_PAID=$((K - K % 4 + 4))   # provider_account_id of a naver account (i % 4 == 0)
  SUMMARY=()
  printf '  %-46s %-72s %10s  %s\n' "statement" "plan (top node > scan nodes; shared buffers of the top node)" "execution" "verdict"
  for q in "${QUERIES[@]}"; do
    label=${q%%|*}; sql=$(bind "${q#*|}")
    plan=""
    for _ in 1 2; do   # the second run is reported (warm buffers)
      plan=$(psql_db indexes -At -c "BEGIN" -c "EXPLAIN (ANALYZE, BUFFERS) $sql" -c "ROLLBACK")
    done
    nodes=$(grep -oE '(Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan)( Backward)?( using [a-z_0-9]+)? on [a-z_]+' <<<"$plan" \
      | sed -E 's/ Backward//' | paste -sd';' | sed 's/;/; /g' || true)
    top=$(head -1 <<<"$plan" | sed -E 's/ +\(cost.*//;s/^ +//;s/ on ([a-z_]+) [a-z]+$/ on \1/')
    if [ -z "$nodes" ]; then nodes=$top; elif [[ $nodes != "$top"* ]]; then nodes="$top > $nodes"; fi
    buffers=$(grep -m1 -oE 'Buffers: shared [a-z=0-9 ]+' <<<"$plan" | grep -oE '[0-9]+' | paste -sd+ | bc || true)
    nodes="$nodes (${buffers:-0} buffers)"
    time=$(awk '/Execution Time/ {print $3 " ms"}' <<<"$plan")
    verdict=index; [[ $nodes == *Scan* ]] || verdict="no scan"
    if grep -qE "Seq Scan on ($SEQ_TABLES)" <<<"$plan"; then verdict="SEQ SCAN"; FAILED=1; fi
    if grep -qE 'Trigger for constraint .*time=[0-9.]+' <<<"$plan"; then
      nodes="$nodes; $(grep -oE 'Trigger for constraint [a-z_]+: time=[0-9.]+' <<<"$plan" | sed -E 's/Trigger for constraint //' | paste -sd';' | sed 's/;/; /g')"
    fi
    report "$label" "$nodes" "$time" "$verdict"
  done
  PG_SUMMARY=("${SUMMARY[@]}")
fi

if [[ " $STORES " == *" sqlite "* ]]; then
  db="$BENCH_TMP/indexes.db"
  migrate sqlite "Data Source=$db"
  started=$SECONDS
  sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO users (id, name, email, email_normalized, email_verified, image, created_at, updated_at)
  SELECT printf('u%031d', i), 'User ' || i, 'user' || i || '@example.com', 'USER' || i || '@EXAMPLE.COM', 1, NULL, $NOW - i, $NOW - i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO accounts (id, user_id, provider, provider_account_id, name, email, email_verified, image, raw_profile, token_type, scope, created_at, updated_at)
  SELECT printf('a%031d', i), printf('u%031d', i), CASE i % 4 WHEN 0 THEN 'naver' WHEN 1 THEN 'kakao' WHEN 2 THEN 'google' ELSE 'github' END, CAST(i AS TEXT),
         'User ' || i, 'user' || i || '@example.com', 1, NULL, '{"id":"' || i || '","nickname":"User ' || i || '"}', 'bearer', 'profile', $NOW - i, $NOW - i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO sessions (token_hash, user_id, expires_at, created_at, updated_at)
  SELECT printf('t%042d', i), printf('u%031d', i), $NOW + 2592000000 - i, $NOW - i, $NOW - i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $STATES)
INSERT INTO consumed_states (state_hash, expires_at) SELECT printf('s%042d', i), $NOW - 10 + (i % 900000) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $STATES)
INSERT INTO sign_in_requests (state_hash, browser_hash, material, expires_at)
  SELECT printf('r%042d', i), printf('b%042d', i), 'CfDJ8' || hex(randomblob(128)), $NOW - 10 + (i % 900000) FROM n;
COMMIT;
ANALYZE;
SQL
  echo "SQLite $(sqlite3 --version | cut -d' ' -f1): seeded and analyzed in $((SECONDS - started)) s; file $(du -h "$db" | cut -f1)"
  KEY_U=$(printf 'u%031d' "$K"); KEY_A=$(printf 'a%031d' "$K"); KEY_T=$(printf 't%042d' "$K"); KEY_S='bench-new-state-hash'
  KEY_R=$(printf 'r%042d' "$KR"); KEY_B=$(printf 'b%042d' "$KR")
  KEY_PAID=$((K - K % 4 + 4))
  SUMMARY=()
  printf '  %-46s %-72s %10s  %s\n' "statement" "plan (EXPLAIN QUERY PLAN)" "run time" "verdict"
  for q in "${QUERIES[@]}"; do
    label=${q%%|*}; sql=$(bind "${q#*|}")
    plan=$(sqlite3 "$db" "EXPLAIN QUERY PLAN $sql;" | sed -E 's/^[|` -]+//' | { grep -v '^QUERY PLAN' || true; } | paste -sd';' | sed 's/;/; /g')
    [ -n "$plan" ] || plan="(no table read)"
    time=$(sqlite_mean "$db" "$sql")
    verdict=index; [[ $plan == *SEARCH* ]] || verdict="no scan"
    if grep -qE "(^|; )SCAN ($SEQ_TABLES|u|s)\b" <<<"$plan"; then verdict="FULL SCAN"; FAILED=1; fi
    report "$label" "$plan" "$time" "$verdict"
  done
  SQLITE_SUMMARY=("${SUMMARY[@]}")
fi

echo
if [ -n "${PG_SUMMARY+x}" ]; then
  echo "PostgreSQL, $ROWS users (EXPLAIN ANALYZE, second run):"
  echo "| statement | plan | execution | verdict |"; echo "|---|---|---:|---|"; printf '%s\n' "${PG_SUMMARY[@]}"
fi
if [ -n "${SQLITE_SUMMARY+x}" ]; then
  echo "SQLite, $ROWS users (EXPLAIN QUERY PLAN; mean time of ${RUNS:-5000} runs through the sqlite3 shell):"
  echo "| statement | plan | run time | verdict |"; echo "|---|---|---:|---|"; printf '%s\n' "${SQLITE_SUMMARY[@]}"
fi
if [ "$FAILED" = 1 ]; then echo "FAILED: a plan scans a table sequentially"; exit 1; fi
echo "every plan uses an index"

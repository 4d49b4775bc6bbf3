#!/usr/bin/env bash
# GET /api/auth/session with a valid database session, on SQLite and on PostgreSQL, with one server instance and with two.
#   - PostgreSQL: a throwaway cluster (initdb in a temp dir, free loopback port), stopped and deleted on exit.
#   - One instance: wrk -t2 -cCONNECTIONS against instance A.
#   - Two instances: A and B are two Release server processes on two ports sharing the store (the same PostgreSQL database, or
#     the same SQLite file in WAL mode). The session is created by a real sign-in on A (through A's own emulator); its cookie is an
#     opaque token whose hash is the row in the shared store, so it is valid on B as is. Two wrk processes (-t1, half the
#     connections each, same duration) drive A and B at once; the figure is the sum of their req/s, latencies the worse of the two.
#   Last, pgbench runs FindSession's exact statement against the same PostgreSQL (simple and prepared): the database's own ceiling.
#   The machine is shared, so the whole set runs ROUNDS times (interleaved) and the table gives the median round per row.
# Stores: sqlite; postgres (the connection string as a user would write it); postgres-tuned (the same plus PG_TUNED, Npgsql options).
# Environment: DURATION (s per run, default 10), CONNECTIONS (total, default 32), ROUNDS (default 3),
#   STORES (default "sqlite postgres postgres-tuned"), PG_TUNED (default "No Reset On Close=true;Max Auto Prepare=10").
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
STORES=${STORES:-sqlite postgres postgres-tuned}
PG_TUNED=${PG_TUNED:-No Reset On Close=true;Max Auto Prepare=10}
. bench/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
build_server

echo "Daemun store bench — $(machine)"
echo "wrk ${DURATION}s, $CONNECTIONS connections in total, $ROUNDS rounds; client, servers and database share the machine"
RESULTS=()
for round in $(seq 1 "$ROUNDS"); do
 echo "round $round:"
 for store in $STORES; do
  case $store in
    sqlite) provider=sqlite; conn="Data Source=$BENCH_TMP/shared-$round.db"; what="SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1) (WAL, one file)" ;;
    postgres|postgres-tuned)
      provider=postgres
      [ -n "$PG_PORT" ] || pg_start
      db="bench_${round}_${store//-/_}"
      psql_db postgres -c "CREATE DATABASE $db"
      conn=$(pg_conn "$db"); [ "$store" = postgres-tuned ] && conn="$conn;$PG_TUNED"
      what="PostgreSQL $(psql_db postgres -Atc 'SHOW server_version' | cut -d' ' -f1) (loopback TCP, Npgsql; ${conn#*;*;*;*;})" ;;
    *) echo "unknown store $store (sqlite, postgres or postgres-tuned)"; exit 2 ;;
  esac
  echo " $what:"
  port_a=$(free_port); start_server "$port_a" "$provider" "$conn" Database "$store-$round-a"
  a="http://127.0.0.1:$port_a"
  cookie=$(sign_in "$a")
  [ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
  check_session "$a" "$cookie"
  measure "$store, one instance" "$cookie" "$a"
  port_b=$(free_port); start_server "$port_b" "$provider" "$conn" Database "$store-$round-b"
  b="http://127.0.0.1:$port_b"
  check_session "$b" "$cookie"
  curl -s -o /dev/null -H "Cookie: $cookie" "$a/api/auth/session"   # warm both before measuring
  for _ in 1 2 3; do curl -s -o /dev/null -H "Cookie: $cookie" "$b/api/auth/session"; done
  measure "$store, two instances (sum of A and B)" "$cookie" "$a" "$b"
  stop_servers
 done
done

# PostgreSQL's own capacity for the same statement, without the server: pgbench runs FindSession's SQL for the signed-in session.
if [ -n "$PG_PORT" ]; then
  db=$(psql_db postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'bench_%' ORDER BY datname LIMIT 1")
  hash=$(psql_db "$db" -Atc "SELECT token_hash FROM sessions LIMIT 1")
  echo "SELECT s.token_hash AS TokenHash, s.user_id AS UserId, s.expires_at AS ExpiresAt, s.created_at AS SessionCreatedAt, s.updated_at AS SessionUpdatedAt, u.id AS Id, u.name AS Name, u.email AS Email, u.email_verified AS EmailVerified, u.image AS Image, u.created_at AS CreatedAt, u.updated_at AS UpdatedAt FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = '$hash';" >"$BENCH_TMP/find-session.sql"
  echo "pgbench, FindSession's statement alone ($CONNECTIONS clients, ${DURATION}s):"
  for mode in simple prepared; do
    tps=$("$PG_BIN/pgbench" -n -h 127.0.0.1 -p "$PG_PORT" -U daemun -c "$CONNECTIONS" -j 2 -T "$DURATION" -M "$mode" -f "$BENCH_TMP/find-session.sql" "$db" 2>&1 \
      | awk '/^tps/ {printf "%.0f", $3} /latency average/ {lat = $4} END {print " tps, latency average " lat " ms"}')
    printf '  %-9s %s   (load %s)\n' "$mode" "$tps" "$(cut -d' ' -f1 /proc/loadavg)"
  done
fi

echo
median_table

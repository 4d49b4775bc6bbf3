# Shared by bench/postgres.sh, bench/indexes.sh and bench/oidc.sh (sourced, not run): a throwaway PostgreSQL, Release servers on loopback,
# a real sign-in through the emulator, wrk measurements, and cleanup of everything started. Needs `set -euo pipefail` in the caller.

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
BENCH_TMP=$(mktemp -d /tmp/daemun-bench.XXXXXX)
chmod 755 "$BENCH_TMP"
SERVER_PIDS=()
PG_DATA=""
PG_BIN=""
PG_PORT=""

cleanup() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then pg_tool pg_ctl -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true; fi
  rm -rf "$BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

machine() { # one line: date, cores, memory, CPU, OS, SDK, load average (other work on the machine skews every figure)
  printf '%s, %s cores (%s), %s RAM, %s, .NET SDK %s, load average %s before the run' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
    "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" \
    "$(. /etc/os-release && echo "$PRETTY_NAME")" "$(dotnet --version)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

free_port() { # a port nobody listens on, in 20000-59999 (bounded tries)
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  echo "no free port" >&2; return 1
}

pg_tool() { # runs a PostgreSQL binary, as the postgres user when we are root (PostgreSQL refuses root)
  local tool=$1; shift
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PG_BIN/$tool" "$@"; else "$PG_BIN/$tool" "$@"; fi
}

pg_start() { # initdb + pg_ctl start on a free loopback port; sets PG_PORT and PG_DATA. Stopped and deleted by cleanup.
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
  mkdir -p "$BENCH_TMP/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$BENCH_TMP/pg"
  PG_DATA="$BENCH_TMP/pg/data"
  PG_PORT=$(free_port)
  pg_tool initdb -D "$PG_DATA" -U daemun --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
  # Throwaway settings: no fsync (nothing here must survive a crash); enough connections for two servers' pools.
  pg_tool pg_ctl -D "$PG_DATA" -l "$BENCH_TMP/pg/server.log" -w -t 30 -o \
    "-p $PG_PORT -k $BENCH_TMP/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=1GB" \
    start >/dev/null
}

pg_conn() { # $1 database: the Npgsql connection string
  echo "Host=127.0.0.1;Port=$PG_PORT;Username=daemun;Database=$1;Pooling=true;Timeout=5;Command Timeout=30"
}

psql_db() { # $1 database, rest: psql arguments
  local db=$1; shift
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U daemun -d "$db" "$@"
}

build_server() {
  dotnet build src/Daemun.Server -c Release -nologo -v quiet >/dev/null
}

start_server() { # $1 port, $2 store provider, $3 connection string, $4 session strategy, $5 name, rest: more server arguments; pid appended to SERVER_PIDS
  local data="$BENCH_TMP/server-$5"
  mkdir -p "$data"
  dotnet src/Daemun.Server/bin/Release/net10.0/Daemun.Server.dll --Daemun:Emulator:Enabled=true --AllowedHosts=127.0.0.1 --urls "http://127.0.0.1:$1" \
    --contentRoot "$PWD/src/Daemun.Server" --Daemun:DataDirectory="$data" \
    --Daemun:Store:Provider="$2" --Daemun:Store:ConnectionString="$3" \
    --Daemun:Session:Strategy="$4" --Logging:LogLevel:Default=Warning "${@:6}" >"$data/server.log" 2>&1 &
  SERVER_PIDS+=($!)
  for _ in $(seq 1 150); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/api/auth/csrf" && return 0
    kill -0 "${SERVER_PIDS[-1]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "server $5 did not start:"; cat "$data/server.log"; exit 1
}

stop_servers() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}

sign_in() { # $1 = base URL; prints the session cookie "name=value" after a real sign-in through the emulator (Naver, kim)
  local jar="$BENCH_TMP/jar.$RANDOM"
  local csrf auth page rid emu cb
  csrf=$(curl -s -c "$jar" -b "$jar" "$1/api/auth/csrf" | sed 's/.*"csrfToken":"\([^"]*\)".*/\1/')
  auth=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -d "csrfToken=$csrf&callbackUrl=/" "$1/api/auth/signin/naver")
  page=$(curl -s -c "$jar" -b "$jar" "$auth")
  rid=$(grep -o 'name="request_id" value="[^"]*"' <<<"$page" | sed 's/.*value="//;s/"$//')
  emu=$(grep -oE '^http://127\.0\.0\.1:[0-9]+' <<<"$auth")
  cb=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -d "request_id=$rid&person=kim&decision=allow" "$emu/naver/consent")
  curl -s -c "$jar" -b "$jar" -o /dev/null "$cb"
  awk '$6 == "daemun.session-token" { print $6 "=" $7 }' "$jar"
  rm -f "$jar"
}

check_session() { # $1 base URL, $2 cookie: fails unless the session is valid there
  curl -s -H "Cookie: $2" "$1/api/auth/session" | grep -q '"user"' || { echo "session not valid at $1"; exit 1; }
}

# wrk output → "rps p50 p99 failures" (latencies in ms; failures = non-2xx answers + socket errors)
wrk_summary() {
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Non-2xx/ { bad += $NF } /Socket errors/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad + 0 }'
}

measure() { # $1 label, $2 cookie, $3.. base URLs: one wrk per URL at once, CONNECTIONS split evenly; prints the sum of req/s
  local label=$1 cookie=$2; shift 2
  local n=$# i=0 url threads conns files=() pids=() total=0 worst50=0 worst99=0 bad=0 rps p50 p99 b
  conns=$((CONNECTIONS / n)); threads=$((n == 1 ? 2 : 1))
  for url in "$@"; do
    files+=("$BENCH_TMP/wrk.$i"); i=$((i + 1))
    wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency -H "Cookie: $cookie" "$url/api/auth/session" >"${files[-1]}" &
    pids+=($!)
  done
  wait "${pids[@]}"
  for f in "${files[@]}"; do
    read -r rps p50 p99 b < <(wrk_summary <"$f")
    total=$((total + rps)); bad=$((bad + b))
    worst50=$(awk -v a="$worst50" -v b="$p50" 'BEGIN { print (b > a ? b : a) }')
    worst99=$(awk -v a="$worst99" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')
  done
  printf '  %-48s %8s req/s   p50 %6s ms   p99 %6s ms   (load %s)%s\n' "$label" "$total" "$worst50" "$worst99" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$([ "$bad" -gt 0 ] && echo "   NON-2XX OR SOCKET ERRORS: $bad" || true)"
  RESULTS+=("$label|$total|$worst50|$worst99")
}

median_table() { # RESULTS ("label|rps|p50|p99", several rounds) → a Markdown table: per label, the round with the median req/s
  printf '%s\n' "${RESULTS[@]}" | awk -F'|' '
    !($1 in n) { order[++k] = $1 }
    { n[$1]++; row[$1, n[$1]] = $0; all[$1] = all[$1] " " $2 }
    END {
      print "| store, instances | req/s (median) | p50 | p99 | req/s of every round |"; print "|---|---:|---:|---:|---|"
      for (i = 1; i <= k; i++) {
        l = order[i]; m = n[l]
        for (j = 1; j <= m; j++) { split(row[l, j], f, "|"); v[j] = f[2] + 0; idx[j] = j }
        for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (v[idx[b]] < v[idx[a]]) { t = idx[a]; idx[a] = idx[b]; idx[b] = t }
        split(row[l, idx[int((m + 1) / 2)]], f, "|")
        printf "| %s | %d | %s ms | %s ms |%s |\n", l, f[2], f[3], f[4], all[l]
      }
    }'
}

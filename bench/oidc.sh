#!/usr/bin/env bash
# Daemun as an OpenID Provider, on this machine, beside a yardstick measured in the same run:
#   - yardstick: a Kestrel hello-world (bench/OidcBench hello) answering the very same POST, with the same wrk settings;
#   - client-credentials grants at POST /oidc/token: wrk -t2 -cCONNECTIONS --timeout 10s (a loaded machine passes 2 s) with bench/oidc-token.lua (client_secret_basic), req/s,
#     p50/p99, and the server's CPU per grant from /proc/PID/stat before and after (utime + stime);
#   - complete code-flow sign-ins: bench/OidcBench flows --mode oidc (a new browser per sign-in: /oidc/authorize → Daemun's sign-in page →
#     POST /api/auth/signin/naver → the emulated Naver's consent → Daemun's callback → /oidc/authorize → code → POST /oidc/token with the
#     PKCE verifier), WARMUP flows first, then FLOWS flows FLOW_CONCURRENCY at once; sign-ins/s and the server's CPU per sign-in;
#   - the same Daemun sign-in without the OpenID Provider (--mode signin), so that the difference is the Provider's own share.
# Each store gets a fresh Release server (Development environment: OpenID requests over plain http are accepted only there, from loopback)
# with two clients from configuration: bench-machine (machine, daemun:read) and bench-web (web, first party, openid). The emulator runs
# inside the server process, so its CPU is in the server's figures. Rate limits on sign-in starts and callbacks are off for the run (every
# sign-in comes from 127.0.0.1; the default allows 30 a minute per address), and a store operation may take 10 s instead of 1 s before the
# request gets StoreUnavailable (on a machine loaded by other work the default tripped). wrk, the driver and the server share the cores.
# Environment: DURATION (s per wrk run, default 10), CONNECTIONS (default 16), STORES (default "sqlite postgres"), FLOWS (default 200),
#   WARMUP (flows, default 100), GRANT_WARMUP (grants before measuring them, default 2000, at most 240 s:
#   the tiered JIT was still compiling new methods until about 1,900 grants), FLOW_CONCURRENCY (default 4),
#   PROFILE (default 1 when perf is installed: one more grant run under `perf record`, the server's CPU by library),
#   SERVER_ARGS (more server arguments, e.g. --Daemun:OpenIdProvider:Keys:Algorithm=ES256 once the key ring supports it).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
STORES=${STORES:-sqlite postgres}
FLOWS=${FLOWS:-200}
WARMUP=${WARMUP:-100}
GRANT_WARMUP=${GRANT_WARMUP:-2000}
PROFILE=${PROFILE:-$(command -v perf >/dev/null && echo 1 || echo 0)}
FLOW_CONCURRENCY=${FLOW_CONCURRENCY:-4}
read -r -a EXTRA <<<"${SERVER_ARGS:-}"
. bench/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
build_server
dotnet build bench/OidcBench -c Release -nologo -v quiet >/dev/null
DRIVER=bench/OidcBench/bin/Release/net10.0/OidcBench
export ASPNETCORE_ENVIRONMENT=Development
TICKS=$(getconf CLK_TCK)
CORES=$(nproc)

MACHINE_SECRET="bench-machine-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WEB_SECRET="bench-web-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
REDIRECT_URI="http://127.0.0.1:9/cb"   # never opened: the driver reads the code from the Location header
C=--Daemun:OpenIdProvider:Clients
OIDC_ARGS=("$C:bench-machine:Type=machine" "$C:bench-machine:ClientSecret=$MACHINE_SECRET" "$C:bench-machine:Scopes:0=daemun:read"
  "$C:bench-web:Type=web" "$C:bench-web:ClientSecret=$WEB_SECRET" "$C:bench-web:RedirectUris:0=$REDIRECT_URI" "$C:bench-web:Scopes:0=openid"
  "$C:bench-web:FirstParty=true" --Daemun:RateLimits:SignIn:PermitLimit=0 --Daemun:RateLimits:Callback:PermitLimit=0
  --Daemun:Store:OperationTimeout=00:00:10 "${EXTRA[@]}")
export BENCH_BASIC
BENCH_BASIC=$(printf '%s:%s' bench-machine "$MACHINE_SECRET" | base64 -w0)

cpu_ms() { # $1 pid: user + system CPU time so far, in ms
  awk -v t="$TICKS" '{ sub(/^.*\) /, ""); split($0, f, " "); printf "%d\n", (f[12] + f[13]) * 1000 / t }' "/proc/$1/stat"
}

load() { cut -d' ' -f1 /proc/loadavg; }

grants() { # $1 label, $2 base URL, $3 pid: wrk with oidc-token.lua; prints and records req/s, p50, p99, CPU ms per request
  local out before after rps p50 p99 bad n
  before=$(cpu_ms "$3")
  out=$(wrk -t2 -c"$CONNECTIONS" --timeout 10s -d"${DURATION}s" --latency -s bench/oidc-token.lua "$2")
  after=$(cpu_ms "$3")
  read -r rps p50 p99 bad < <(wrk_summary <<<"$out")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  printf '  %-44s %7s req/s (%s per core)   p50 %6s ms   p99 %7s ms   server CPU %5s ms per request   (load %s)%s\n' "$1" "$rps" \
    "$(awk -v r="$rps" -v c="$CORES" 'BEGIN { printf "%.0f", r / c }')" "$p50" "$p99" \
    "$(awk -v a="$before" -v b="$after" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n }')" "$(load)" \
    "$([ "$bad" -gt 0 ] && echo "   NON-2XX OR SOCKET ERRORS: $bad" || true)"
  LAST_RPS=$rps
  LAST_CPU=$(awk -v a="$before" -v b="$after" -v n="$n" 'BEGIN { printf "%.2f", (b - a) / n }')
  LAST_LAT="$p50|$p99"
  [ "$bad" -eq 0 ] || { echo "  failed requests: the figures above are not grants"; exit 1; }
}

echo "Daemun OpenID Provider bench — $(machine)"
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes in src/)'); wrk -t2 -c$CONNECTIONS -d${DURATION}s;" \
  "$FLOWS code flows after $WARMUP warm-up, $FLOW_CONCURRENCY at once; wrk/driver and server share the $CORES cores"
echo "crypto on this machine (one thread; the costs a grant and a sign-in pay, see bench/README.md):"
"$DRIVER" crypto | grep -v '^CRYPTO|'

SUMMARY=()
for store in $STORES; do
  case $store in
    sqlite) provider=sqlite; conn="Data Source=$BENCH_TMP/oidc-$store.db"; what="SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1) (WAL)" ;;
    postgres)
      provider=postgres
      [ -n "$PG_PORT" ] || pg_start
      psql_db postgres -c "CREATE DATABASE oidc_bench"
      conn=$(pg_conn oidc_bench)
      what="PostgreSQL $(psql_db postgres -Atc 'SHOW server_version' | cut -d' ' -f1) (loopback TCP, default connection string)" ;;
    *) echo "unknown store $store (sqlite or postgres)"; exit 2 ;;
  esac
  echo "$what:"

  # the yardstick, just before this store's measurements (the machine's load drifts)
  hello_port=$(free_port)
  "$DRIVER" hello --urls "http://127.0.0.1:$hello_port" >/dev/null 2>&1 &
  SERVER_PIDS+=($!); hello_pid=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$hello_port/" && break; sleep 0.2; done
  wrk -t2 -c"$CONNECTIONS" --timeout 10s -d3s -s bench/oidc-token.lua "http://127.0.0.1:$hello_port" >/dev/null
  grants "yardstick: Kestrel hello-world, same POST" "http://127.0.0.1:$hello_port" "$hello_pid"
  hello_rps=$LAST_RPS; hello_cpu=$LAST_CPU
  kill "$hello_pid"; wait "$hello_pid" 2>/dev/null || true
  kept=(); for p in "${SERVER_PIDS[@]}"; do [ "$p" = "$hello_pid" ] || kept+=("$p"); done; SERVER_PIDS=("${kept[@]}")

  port=$(free_port)
  start_server "$port" "$provider" "$conn" Database "oidc-$store" "${OIDC_ARGS[@]}"
  pid=${SERVER_PIDS[-1]}
  base="http://127.0.0.1:$port"
  answer=$(curl -s -u "bench-machine:$MACHINE_SECRET" -d grant_type=client_credentials -d scope=daemun:read "$base/oidc/token")
  [[ $answer == *'"access_token"'* ]] || { echo "no access token from $base/oidc/token: $answer"; cat "$BENCH_TMP/server-oidc-$store/server.log"; exit 1; }
  case $provider in
    sqlite) secret_hash=$(sqlite3 "${conn#Data Source=}" "SELECT client_secret FROM oidc_applications WHERE client_id = 'bench-machine'") ;;
    postgres) secret_hash=$(psql_db oidc_bench -Atc "SELECT client_secret FROM oidc_applications WHERE client_id = 'bench-machine'") ;;
  esac
  # OpenIddict's hash format: 0x01, PRF (0 SHA-1, 1 SHA-256, 2 SHA-512), iterations, salt length (big-endian 32-bit each), salt, key
  echo "  client secret as stored: $(base64 -d <<<"$secret_hash" | od -An -tu1 -N13 | awk '{ prf = $2 * 16777216 + $3 * 65536 + $4 * 256 + $5
    printf "PBKDF2 with %s, %d iterations, %d-byte salt", (prf == 1 ? "HMAC-SHA256" : prf == 2 ? "HMAC-SHA512" : prf == 0 ? "HMAC-SHA1" : "PRF " prf), $6 * 16777216 + $7 * 65536 + $8 * 256 + $9, $13 }')"

  # warm-up until the tiered JIT has settled: about 1,900 grants on this server; 10 s rounds until GRANT_WARMUP grants or 240 s
  warmed=0; started=$SECONDS
  while [ "$warmed" -lt "$GRANT_WARMUP" ] && [ $((SECONDS - started)) -lt 240 ]; do
    warmed=$((warmed + $(wrk -t2 -c"$CONNECTIONS" --timeout 10s -d10s -s bench/oidc-token.lua "$base" | awk '/requests in/ {print $1}')))
  done
  echo "  warm-up: $warmed grants in $((SECONDS - started)) s"
  grants "client-credentials grant, POST /oidc/token" "$base" "$pid"
  grant_rps=$LAST_RPS; grant_cpu=$LAST_CPU; grant_lat=$LAST_LAT
  echo "  grants per hello-world request: $(awk -v a="$grant_rps" -v b="$hello_rps" 'BEGIN { printf "%.4f", a / b }') (req/s), server CPU per request $(awk -v a="$grant_cpu" -v b="$hello_cpu" 'BEGIN { printf "%.0f", a / b }')× the hello-world's"
  if [ "$PROFILE" = 1 ]; then
    # a separate run, so that the sampling does not touch the figures above: where the server's CPU goes, by library
    wrk -t2 -c"$CONNECTIONS" --timeout 10s -d"$((DURATION + 2))s" -s bench/oidc-token.lua "$base" >/dev/null &
    wrk_pid=$!
    sleep 1
    perf record -q -F 499 -p "$pid" -o "$BENCH_TMP/perf.data" -- sleep "$DURATION" >/dev/null 2>&1 || true
    wait "$wrk_pid" || true
    echo "  server CPU during grants by library (perf record -F 499, ${DURATION}s; memfd:doublemapper = JIT-compiled .NET code):"
    perf report -i "$BENCH_TMP/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | awk '/^ +[0-9.]+%/ && n++ < 7 { printf "    %s %s\n", $1, $2 }'
  fi
  case $provider in
    sqlite) tokens=$(sqlite3 "${conn#Data Source=}" "SELECT COUNT(*) FROM oidc_tokens") ;;
    postgres) tokens=$(psql_db oidc_bench -Atc "SELECT COUNT(*) FROM oidc_tokens") ;;
  esac
  echo "  oidc_tokens rows after the grants: $tokens (OpenIddict stores an entry for every access token it issues)"

  for mode in oidc signin; do
    out=$("$DRIVER" flows --base "$base" --mode "$mode" --client-id bench-web --client-secret "$WEB_SECRET" --redirect-uri "$REDIRECT_URI" \
      --warmup "$WARMUP" --flows "$FLOWS" --concurrency "$FLOW_CONCURRENCY" --server-pid "$pid" --ticks-per-second "$TICKS" \
      --label "$([ "$mode" = oidc ] && echo "code-flow sign-in (OIDC)" || echo "Daemun sign-in alone")") || { echo "$out"; exit 1; }
    grep -v '^RESULT|' <<<"$out" | sed 's/^/  /'
    echo "  (load $(load))"
    IFS='|' read -r _ _ rate f50 f99 fcpu _ < <(grep '^RESULT|' <<<"$out")
    if [ "$mode" = oidc ]; then flow_rate=$rate; flow_cpu=$fcpu; flow_lat="$f50|$f99"; else plain_rate=$rate; plain_cpu=$fcpu; fi
  done

  SUMMARY+=("| $store | client-credentials grants | $grant_rps /s | $(awk -v r="$grant_rps" -v c="$CORES" 'BEGIN { printf "%.0f", r / c }') | ${grant_lat%|*} / ${grant_lat#*|} ms | $grant_cpu ms | $(awk -v m="$grant_cpu" 'BEGIN { printf "%.0f", 1000 / m }') | $hello_rps /s | $(load) |")
  SUMMARY+=("| $store | code-flow sign-ins (OIDC, emulated Naver) | $flow_rate /s | $(awk -v r="$flow_rate" -v c="$CORES" 'BEGIN { printf "%.1f", r / c }') | ${flow_lat%|*} / ${flow_lat#*|} ms (whole flow) | $flow_cpu ms | $(awk -v m="$flow_cpu" 'BEGIN { printf "%.1f", 1000 / m }') | | |")
  SUMMARY+=("| $store | Daemun sign-ins alone (no OIDC) | $plain_rate /s | $(awk -v r="$plain_rate" -v c="$CORES" 'BEGIN { printf "%.1f", r / c }') | | $plain_cpu ms | $(awk -v m="$plain_cpu" 'BEGIN { printf "%.1f", 1000 / m }') | | |")
  stop_servers
done

echo
echo "| store | operation | rate | per core (rate / $CORES; client shares the cores) | p50 / p99 | server CPU per operation | per server-CPU-second | yardstick (hello-world) | load after |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${SUMMARY[@]}"

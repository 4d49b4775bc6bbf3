#!/usr/bin/env bash
# Measures Daemun's hot paths on this machine with wrk against the Release server on loopback, and prints the figures.
#   GET /api/auth/session with a valid session (database strategy, then cookie strategy), GET /api/auth/csrf, GET /api/auth/signin.
# A real sign-in through the emulator creates the session first. Each run is bounded: DURATION seconds per endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5099}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
source bench/lib.sh   # sign_in (a real sign-in through the emulator), temp dir and cleanup
dotnet build src/Daemun.Server -c Release -nologo -v quiet >/dev/null

measure() { # $1 label, $2 url, $3 cookie
  local out rps lat
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency ${3:+-H "Cookie: $3"} "$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  lat=$(awk '/ 50%/ {p50=$2} / 99%/ {p99=$2} END {print "p50 " p50 ", p99 " p99}' <<<"$out")
  if grep -q "Non-2xx" <<<"$out"; then echo "  $1: NON-2XX ANSWERS — $(grep Non-2xx <<<"$out")"; fi
  printf '  %-44s %10s req/s   %s\n' "$1" "$rps" "$lat"
}

run_server() { # $1 strategy
  local data; data=$(mktemp -d)
  dotnet src/Daemun.Server/bin/Release/net10.0/Daemun.Server.dll --Daemun:Emulator:Enabled=true --AllowedHosts=127.0.0.1 --urls "http://127.0.0.1:$PORT" \
    --contentRoot "$PWD/src/Daemun.Server" --Daemun:DataDirectory="$data" --Daemun:Store:ConnectionString="Data Source=$data/daemun.db" \
    --Daemun:Session:Strategy="$1" --Logging:LogLevel:Default=Warning >"$data/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/auth/csrf" && return 0; sleep 0.2; done
  echo "server did not start"; cat "$data/server.log"; exit 1
}

echo "Daemun bench — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(dotnet --version) SDK, wrk -t2 -c$CONNECTIONS -d${DURATION}s (client and server share the machine)"
for strategy in Database Cookie; do
  run_server "$strategy"
  base="http://127.0.0.1:$PORT"
  cookie=$(sign_in "$base")
  [ -n "$cookie" ] || { echo "sign-in failed"; kill "$SERVER"; exit 1; }
  curl -s -H "Cookie: $cookie" "$base/api/auth/session" | grep -q '"user"' || { echo "session not valid"; kill "$SERVER"; exit 1; }
  echo "SQLite store, $strategy sessions:"
  measure "GET /api/auth/session (signed in)" "$base/api/auth/session" "$cookie"
  if [ "$strategy" = Database ]; then
    measure "GET /api/auth/session (signed out)" "$base/api/auth/session"
    measure "GET /api/auth/csrf" "$base/api/auth/csrf"
    measure "GET /api/auth/signin (page)" "$base/api/auth/signin"
  fi
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
done

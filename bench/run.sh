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
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Daemun.Server -c Release -nologo -v quiet >/dev/null

sign_in() { # $1 = base URL; prints the session cookie "name=value"
  local jar; jar=$(mktemp)
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
  dotnet src/Daemun.Server/bin/Release/net10.0/Daemun.Server.dll --urls "http://127.0.0.1:$PORT" \
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

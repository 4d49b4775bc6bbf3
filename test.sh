#!/usr/bin/env bash
# Runs every test: unit, HTTP integration (real Kestrel + emulator, once on a SQLite file and once more on PostgreSQL),
# relying-party conformance against oidc-provider (npm, test-only) and real-browser (Debian Chromium).
# On a fresh machine it first installs the system packages the tests need (as root, with apt).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- system packages -------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)   # Hangul in screenshots
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)   # the tests start their own server
command -v node >/dev/null || missing+=(nodejs)   # the OpenID conformance peer (tests/peers/oidc-provider)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "test.sh: run as root (or install: ${missing[*]})" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- the conformance peer: oidc-provider from npm, test-only, installed from its lock file when absent or stale ------------
peer=tests/peers/oidc-provider
if ! cmp -s "$peer/package-lock.json" "$peer/node_modules/.daemun-installed-lock"; then
  echo "test.sh: installing the conformance peer ($peer)"
  (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$peer/package-lock.json" "$peer/node_modules/.daemun-installed-lock"
fi

# --- build (nullable, warnings as errors) and test ---------------------------------------------
dotnet build Daemun.slnx -c Release -nologo -v quiet
log=$(mktemp)
status=0
dotnet test Daemun.slnx -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?
# the HTTP integration suite once more on PostgreSQL (the store-level dialect tests already ran on both stores above)
DAEMUN_TEST_STORE=postgres dotnet test tests/Daemun.Tests -c Release --no-build -nologo \
  --filter 'FullyQualifiedName!~Daemun.Tests.Storage.' 2>&1 | tee -a "$log" || status=$?

# --- one closing line for CI: "N passed, N failed" ---------------------------------------------
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi

#!/usr/bin/env bash
# Runs every test of the solution: unit, integration (real PostgreSQL), bUnit, Playwright (Debian Chromium),
# inference. Installs/starts what is missing, then prints the totals as one line "N passed, N failed".
# Usage: ./test.sh [extra dotnet test args]   env: CONFIGURATION (Release), INTERACTIONLAB_TEST_PG, PG_PORT
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
IL_T0=$SECONDS
CONFIGURATION=${CONFIGURATION:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export INTERACTIONLAB_ARTIFACTS=${INTERACTIONLAB_ARTIFACTS:-$ROOT/artifacts}
source .ci/services.sh

il_install_system_packages
il_start_postgres

il_step "dotnet tool restore"; dotnet tool restore >/dev/null
il_step "dotnet restore --locked-mode"; dotnet restore InteractionLab.sln --locked-mode
il_step "dotnet build"; dotnet build InteractionLab.sln -c "$CONFIGURATION" --no-restore -warnaserror

results="$INTERACTIONLAB_ARTIFACTS/test-results"
rm -rf "$results"; mkdir -p "$results"
il_step "dotnet test"
set +e
dotnet test InteractionLab.sln -c "$CONFIGURATION" --no-build --logger trx --results-directory "$results" \
  --blame-hang-timeout 10m "$@"
status=$?
set -e

# CI reads only the last line: sum the counters of every .trx file (dotnet test's own summary is per project).
passed=0; failed=0; skipped=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { echo "$counters" | grep -o "$1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
il_step "done"
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1  # a crash or hang with no failed test still fails
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"

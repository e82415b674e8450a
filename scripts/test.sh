#!/usr/bin/env bash
# Runs every test from a clean checkout: installs the npm tools and NuGet packages, starts
# Azurite in memory on free loopback ports, runs the .NET test projects (which host the
# Stripe emulator and the app themselves), scans every table they left for stored Stripe
# credentials, then stops everything it started.
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"
trap stack_stop EXIT
cd "$STACK_ROOT"

ensure_npm_tools
dotnet restore BillingFunctions.sln --verbosity quiet
dotnet build BillingFunctions.sln --no-restore --configuration Release --verbosity quiet -nologo
start_azurite

results="$STACK_LOGS/test-results.txt"
status=0
dotnet test BillingFunctions.sln --no-build --configuration Release --verbosity quiet -nologo \
  --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$results" || status=$?

# One closing line over every test project, e.g. "Tests: 312 passed, 0 failed, 0 skipped".
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results"

scripts/lib/bicep-check.sh || status=1  # issue 15: infra/ compiles and lints clean with the pinned Bicep CLI

# Issue 11: after the tests, no table in storage may hold a tenant's Stripe key or webhook secret.
node scripts/lib/scan-secrets.mjs || status=1
exit "$status"

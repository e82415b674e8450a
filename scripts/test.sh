#!/usr/bin/env bash
# Runs every test from a clean checkout: installs the npm tools and NuGet packages, starts
# Azurite in memory on free loopback ports, runs the .NET test projects (which host the
# Stripe emulator and the app themselves), then stops everything it started.
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"
trap stack_stop EXIT
cd "$STACK_ROOT"

ensure_npm_tools
dotnet restore BillingFunctions.sln --verbosity quiet
dotnet build BillingFunctions.sln --no-restore --configuration Release --verbosity quiet -nologo
start_azurite

dotnet test BillingFunctions.sln --no-build --configuration Release --verbosity quiet -nologo \
  --logger "console;verbosity=minimal" "$@"

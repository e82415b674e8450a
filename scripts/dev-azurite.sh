#!/usr/bin/env bash
# For working on tests: starts Azurite in memory and a shell (or the given command) with
# AZURITE_CONNECTION_STRING set, e.g. scripts/dev-azurite.sh dotnet test tests/BillingFunctions.Adapters.Tests
set -euo pipefail
source "$(dirname "$0")/lib/stack.sh"
trap stack_stop EXIT
ensure_npm_tools
start_azurite
if [ $# -gt 0 ]; then "$@"; else "${SHELL:-bash}"; fi

#!/usr/bin/env bash
# Compiles and lints every .bicep file under a folder (default: infra/) with the Bicep CLI from the NuGet package.
# Fails on any error or warning: infra/bicepconfig.json raises the linter's rules to errors, and a compiler warning
# fails here too. One build and one lint over all files: each start of the CLI costs about ten seconds.
# Usage: scripts/lib/bicep-check.sh [folder]
set -euo pipefail
bicep="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/bicep.sh"
folder="$(cd "${1:-$(dirname "$bicep")/../../infra}" && pwd)"
count=$(find "$folder" -name '*.bicep' | wc -l)
if [ "$count" -eq 0 ]; then echo "bicep: no .bicep file under $folder" >&2; exit 1; fi

compiled=$(mktemp -d)
trap 'rm -rf "$compiled"' EXIT
status=0
for step in build lint; do
  args=("$step" --pattern '**/*.bicep' --no-restore)
  [ "$step" = build ] && args+=(--outdir "$compiled")
  if ! output=$(cd "$folder" && "$bicep" "${args[@]}" 2>&1) || grep -q ' : Warning ' <<<"$output"; then
    echo "bicep $step failed under $folder:" >&2
    printf '%s\n' "$output" >&2
    status=1
  fi
done
if [ "$status" -eq 0 ]; then echo "bicep: $count files under $folder compile and lint clean"; fi
exit "$status"

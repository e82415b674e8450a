#!/usr/bin/env bash
# Runs the Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (version pinned in tools/Bicep/Bicep.proj),
# restoring it into the NuGet cache (NUGET_PACKAGES, else ~/.nuget/packages) first when it is not there yet.
# Usage: scripts/lib/bicep.sh build infra/main.bicep --stdout
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="$root/tools/Bicep/Bicep.proj"
version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([0-9.]*\)\]".*/\1/p' "$project")
binary="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -f "$binary" ]; then
  dotnet restore "$project" --verbosity quiet >&2
fi
# NuGet does not always keep the executable bit of a file in a package.
[ -x "$binary" ] || chmod +x "$binary"
# No telemetry, and no look-up of a newer version: neither is needed to compile or lint.
export BICEP_TRACING_ENABLED=false DOTNET_CLI_TELEMETRY_OPTOUT=1
exec "$binary" "$@"

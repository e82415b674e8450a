# Shared shell functions for starting the local stack: sourced by scripts/test.sh and scripts/run.sh.
# Every server binds to 127.0.0.1 on a free port; STACK_PIDS collects what stack_stop kills.

STACK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_PIDS=()
STACK_LOGS="${STACK_LOGS:-$STACK_ROOT/.artifacts/logs}"
mkdir -p "$STACK_LOGS"

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();})"
}

wait_for_port() { # port [seconds]
  local port=$1 deadline=$((SECONDS + ${2:-60}))
  until node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; do
    if (( SECONDS > deadline )); then echo "nothing answered on 127.0.0.1:$port" >&2; return 1; fi
    sleep 0.3
  done
}

# Installs the pinned npm tools when the lockfile changed since the last install. Compares a
# hash of the lockfile, not timestamps (a checkout or merge touches mtimes), and leaves a
# node_modules that is a link to another checkout's install alone.
ensure_npm_tools() {
  local modules="$STACK_ROOT/node_modules" stamp want
  [ -L "$modules" ] && return 0
  stamp="$modules/.installed-lock-sha256"
  want=$(sha256sum "$STACK_ROOT/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    (cd "$STACK_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}

# Starts Azurite (blob, queue, table) in memory and exports AZURITE_CONNECTION_STRING. Each service
# runs in a node process of its own: one node process runs on one core, and under the task hub's load
# (every orchestration step is table queries and queue polls) a single process for all three was
# the bottleneck at a full core while the other core idled (docs/BENCHMARKS.md, "Azurite's CPU").
start_azurite() {
  local blob queue table service
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  local -A ports=([blob]=$blob [queue]=$queue [table]=$table)
  for service in blob queue table; do
    "$STACK_ROOT/node_modules/.bin/azurite-$service" --silent --inMemoryPersistence --skipApiVersionCheck \
      --"${service}Host" 127.0.0.1 --"${service}Port" "${ports[$service]}" \
      >"$STACK_LOGS/azurite-$service.log" 2>&1 &
    STACK_PIDS+=($!)
  done
  wait_for_port "$blob" && wait_for_port "$queue" && wait_for_port "$table" || return 1
  # The well-known Azurite development account; not a secret.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "Azurite: tables on 127.0.0.1:$table, queues on 127.0.0.1:$queue, blobs on 127.0.0.1:$blob (in memory, a process each)"
}

# Asks everything it started to stop, and kills what is still running five seconds later
# (Azurite can hang while closing with connections open).
stack_stop() {
  local pid deadline=$((SECONDS + 5))
  for pid in "${STACK_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STACK_PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  STACK_PIDS=()
}

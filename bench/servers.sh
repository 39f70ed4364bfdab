# Sourced by the benchmark scripts: starts and stops the servers they measure, on this machine.
#   start_jynamo PORT DATA_DIR DB_PORT [VAR=value ...]   Jynamo by the launcher (embedded PostgreSQL on DB_PORT, data
#                                                       in DATA_DIR, fresh), signing key BENCH_KEY_ID/BENCH_SECRET;
#                                                       sets JYNAMO_PID to its server JVM's process id
#   start_dynalite PORT                                 dynalite 4.0.0 from npm, LevelDB data on disk; sets
#                                                       DYNALITE_PID
#   stop_servers                                        stops them all (also on exit)
# Needs curl; Node.js and npm for dynalite.
work="${work:-$(pwd)/bench/target}"
mkdir -p "$work"
export BENCH_KEY_ID="${BENCH_KEY_ID:-AKIABENCHADMIN000001}"
export BENCH_SECRET="${BENCH_SECRET:-bench/secret/000000000000000000000000000}"
export AWS_ACCESS_KEY_ID="$BENCH_KEY_ID" AWS_SECRET_ACCESS_KEY="$BENCH_SECRET" AWS_DEFAULT_REGION=us-east-1
server_pids=()

stop_servers() {
  # the launcher stops its WildFly and embedded PostgreSQL itself when told to stop
  for pid in "${server_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  # whatever is left in their sessions (setsid gave each its own process group)
  for pid in "${server_pids[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  server_pids=()
}
trap stop_servers EXIT

wait_for() {
  local url="$1" what="$2"
  for _ in $(seq 1 180); do
    if curl -s -o /dev/null "$url"; then return 0; fi
    sleep 1
  done
  echo "$what did not come up at $url" >&2
  exit 1
}

start_jynamo() {
  local port="$1" data="$2" db_port="$3"
  shift 3
  rm -rf "$data"
  env "$@" JYNAMO_PORT="$port" JYNAMO_MANAGEMENT_PORT=$((port + 1990)) JYNAMO_HOME="$data/home" \
    JYNAMO_DATA_DIR="$data/pgdata" JYNAMO_EMBEDDED_DB_PORT="$db_port" JYNAMO_DB_URL= \
    JYNAMO_ADMIN_ACCESS_KEY_ID="$BENCH_KEY_ID" JYNAMO_ADMIN_SECRET_ACCESS_KEY="$BENCH_SECRET" \
    setsid mvn -q -pl launcher exec:java > "$data.log" 2>&1 &
  server_pids+=($!)
  wait_for "http://localhost:$port/" "Jynamo"
  JYNAMO_PID=$(pgrep -f "jboss-modules.*standalone-$port" | head -1)
}

start_dynalite() {
  local port="$1"
  if [[ ! -x "$work/node/node_modules/.bin/dynalite" ]]; then
    npm install --silent --no-audit --no-fund --prefix "$work/node" dynalite@4.0.0 > "$work/npm.log" 2>&1
  fi
  rm -rf "$work/dynalite-data"
  setsid node "$work/node/node_modules/.bin/dynalite" --port "$port" --path "$work/dynalite-data" \
    > "$work/dynalite.log" 2>&1 &
  server_pids+=($!)
  DYNALITE_PID=$!
  wait_for "http://localhost:$port/" "dynalite"
}

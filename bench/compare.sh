#!/usr/bin/env bash
# Runs the YCSB-style benchmark, in one invocation on this machine, against
#   (a) Jynamo (started here on port 8010 with its own embedded PostgreSQL),
#   (b) dynalite (npm package, installed here, LevelDB data on disk, port 4567),
#   (c) the plain-JDBC ceiling on Jynamo's PostgreSQL,
# and prints the Markdown table with Jynamo/dynalite and Jynamo/ceiling ratios (also written to
# bench/target/results/). Settings: ITEMS, CONCURRENCY, WARMUP, SECONDS, WORKLOADS (TXN, transactions, is not in
# the default set: dynalite 4.0.0 has none).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
work="$root/bench/target"
items="${ITEMS:-100000}"
concurrency="${CONCURRENCY:-16}"
warmup="${WARMUP:-10}"
seconds="${SECONDS_PER_WORKLOAD:-30}"
workloads="${WORKLOADS:-A,B,C,PUT,QUERY}"
jynamo_port=8010
dynalite_port=4567
pg_port=54330
mkdir -p "$work"

pids=()
cleanup() {
  # the launcher stops its WildFly and embedded PostgreSQL itself when told to stop
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  # whatever is left in their sessions (setsid gave each its own process group)
  for pid in "${pids[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

wait_for() {
  local url="$1" what="$2"
  for _ in $(seq 1 180); do
    if curl -s -o /dev/null "$url"; then return 0; fi
    sleep 1
  done
  echo "$what did not come up at $url" >&2
  exit 1
}

echo "== building"
mvn -q install -DskipTests

echo "== starting Jynamo on port $jynamo_port"
rm -rf "$work/pgdata"
JYNAMO_PORT=$jynamo_port JYNAMO_MANAGEMENT_PORT=9995 JYNAMO_DATA_DIR="$work/pgdata" \
  JYNAMO_EMBEDDED_DB_PORT=$pg_port JYNAMO_DB_URL= \
  setsid mvn -q -pl launcher exec:java > "$work/jynamo.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$jynamo_port/" "Jynamo"

echo "== installing and starting dynalite on port $dynalite_port"
if [[ ! -x "$work/node/node_modules/.bin/dynalite" ]]; then
  npm install --silent --no-audit --no-fund --prefix "$work/node" dynalite@4.0.0 > "$work/npm.log" 2>&1
fi
rm -rf "$work/dynalite-data"
setsid node "$work/node/node_modules/.bin/dynalite" --port $dynalite_port --path "$work/dynalite-data" \
  > "$work/dynalite.log" 2>&1 &
pids+=($!)
wait_for "http://localhost:$dynalite_port/" "dynalite"

echo "== running the workloads ($workloads; $items items, $concurrency clients)"
mvn -q -pl bench exec:java -Dexec.args="--jynamo http://localhost:$jynamo_port \
  --dynalite http://localhost:$dynalite_port --jdbc jdbc:postgresql://localhost:$pg_port/jynamo \
  --items $items --concurrency $concurrency --warmup $warmup --seconds $seconds --workloads $workloads \
  --out $work/results"

#!/usr/bin/env bash
# What point-in-time recovery costs writes: wrk replaying requests signed ahead (as bench/compare-raw.sh does) against
# one Jynamo server, first on a table without point-in-time recovery, then on the same table reloaded with it on.
# Mixes PUT (PutItem of ~1 KB items) and A (50% GetItem, 50% UpdateItem) by default; prints both results.
# Settings: ITEMS (10000), CONNECTIONS (16), WARMUP (10), SECONDS_PER_MIX (20), MIXES (PUT,A).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(pwd)/bench/target"
source bench/servers.sh

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null)

echo "== building"
mvn -q install -DskipTests

echo "== starting Jynamo (port 8010)"
start_jynamo 8010 "$work/jynamo-pitr" 54331

# a first pass only warms the server's JIT compilers up (their CPU counts in the process's); then without, with, and
# again without point-in-time recovery, so that what is left of the warming up shows as a difference of the two
# runs without
for run in "jit-warm-up=" "pitr-off=" "pitr-on=--pitr pitr-on" "pitr-off-again="; do
  name="${run%%=*}"
  echo "== measuring $name"
  mvn -q -pl bench exec:java -Dexec.mainClass=io.jynamo.bench.WrkBench -Dexec.args="\
    --target $name=http://localhost:8010 --pid $name=$JYNAMO_PID ${run#*=} \
    --items ${ITEMS:-10000} --connections ${CONNECTIONS:-16} --warmup ${WARMUP:-10} --seconds ${SECONDS_PER_MIX:-20} \
    --mixes ${MIXES:-PUT,A} --out $work/wrk-results-$name" | grep -E "^$name (PUT|A|C)"
done

#!/usr/bin/env bash
# What verifying signatures and deciding policies costs: GetItem (C) and PutItem (PUT) through the raw-HTTP benchmark
# against one Jynamo with JYNAMO_AUTH on, then another with it off (each fresh, embedded PostgreSQL), 16 connections,
# 10,000 items of ~1 KB. Build first (mvn install -DskipTests). Settings: WARMUP (20), SECONDS_PER_MIX (20).
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(pwd)/bench/target"
source bench/servers.sh

for auth in on off; do
  start_jynamo 8012 "$work/auth-$auth" 54331 JYNAMO_AUTH=$auth
  mvn -q -pl bench exec:java -Dexec.mainClass=io.jynamo.bench.WrkBench -Dexec.args="\
    --target auth-$auth=http://localhost:8012 --items 10000 --warmup ${WARMUP:-20} --seconds ${SECONDS_PER_MIX:-20} \
    --mixes C,PUT --out $work/auth-cost-$auth" | grep '^| [CP]'
  stop_servers
done

#!/usr/bin/env bash
# The raw-HTTP comparison, in one invocation on this machine: wrk replaying requests signed ahead (16 connections,
# ~1 KB items) against Jynamo (started here, embedded PostgreSQL, signatures verified; its main endpoint and its
# accelerator) and dynalite 4.0.0 (npm, data on disk), and pgbench running the same reads and writes on Jynamo's PostgreSQL alone; prints the Markdown table with
# ratios (also in bench/target/wrk-results/). Installs wrk and pgbench from Debian's packages when they are missing.
# Settings: ITEMS (10000), CONNECTIONS (16), WARMUP (10), SECONDS_PER_MIX (20), MIXES (C,CC,PUT,A,B,QUERY,HEALTH),
# TABLE_CLASS (the benchmark table's class on Jynamo: STANDARD, or STANDARD_INFREQUENT_ACCESS; its partition's size on
# disk is printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(pwd)/bench/target"
source bench/servers.sh

for tool in wrk:wrk pgbench:postgresql-client; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    apt-get install -y "${tool#*:}" >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y "${tool#*:}" >/dev/null)
  fi
done

echo "== building"
mvn -q install -DskipTests

echo "== starting Jynamo (port 8010) and dynalite (port 4567)"
start_jynamo 8010 "$work/jynamo" 54330
start_dynalite 4567

echo "== measuring"
mvn -q -pl bench exec:java -Djynamo.bench.table-class="${TABLE_CLASS:-STANDARD}" \
  -Dexec.mainClass=io.jynamo.bench.WrkBench -Dexec.args="\
  --target jynamo=http://localhost:8010 --target accelerator=http://localhost:8111~jynamo \
  --target dynalite=http://localhost:4567 --pg localhost:54330/jynamo \
  --pid jynamo=$JYNAMO_PID --pid accelerator=$JYNAMO_PID --pid dynalite=$DYNALITE_PID \
  --items ${ITEMS:-10000} --connections ${CONNECTIONS:-16} --warmup ${WARMUP:-10} --seconds ${SECONDS_PER_MIX:-20} \
  --mixes ${MIXES:-C,CC,PUT,A,B,QUERY,HEALTH} --out $work/wrk-results"

echo "== the benchmark table's items on disk (class ${TABLE_CLASS:-STANDARD})"
PGPASSWORD=postgres psql -h localhost -p 54330 -U postgres -d jynamo -Atc "SELECT t.table_class, \
  pg_size_pretty(pg_total_relation_size(c.oid)), pg_total_relation_size(c.oid) FROM catalog_table t \
  JOIN pg_class c ON c.relname = 'item_' || t.id WHERE t.name = 'bench_usertable'" || true

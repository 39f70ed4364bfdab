#!/usr/bin/env bash
# Runs the YCSB-style benchmark through the AWS SDK, in one invocation on this machine, against
#   (a) Jynamo (started here on port 8010 with its own embedded PostgreSQL, signatures verified),
#   (b) dynalite (npm package, installed here, LevelDB data on disk, port 4567),
#   (c) the plain-JDBC ceiling on Jynamo's PostgreSQL,
# and prints the Markdown table with Jynamo/dynalite and Jynamo/ceiling ratios (also written to
# bench/target/results/). Settings: ITEMS, CONCURRENCY, WARMUP, SECONDS_PER_WORKLOAD, WORKLOADS (TXN, transactions,
# is not in the default set: dynalite 4.0.0 has none). Needs Node.js and npm for dynalite.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(pwd)/bench/target"
source bench/servers.sh
workloads="${WORKLOADS:-A,B,C,PUT,QUERY}"

echo "== building"
mvn -q install -DskipTests

echo "== starting Jynamo (port 8010) and dynalite (port 4567)"
start_jynamo 8010 "$work/jynamo" 54330
start_dynalite 4567

echo "== running the workloads ($workloads)"
mvn -q -pl bench exec:java -Dexec.args="--jynamo http://localhost:8010 \
  --dynalite http://localhost:4567 --jdbc jdbc:postgresql://localhost:54330/jynamo \
  --items ${ITEMS:-100000} --concurrency ${CONCURRENCY:-16} --warmup ${WARMUP:-10} \
  --seconds ${SECONDS_PER_WORKLOAD:-30} --workloads $workloads --out $work/results"

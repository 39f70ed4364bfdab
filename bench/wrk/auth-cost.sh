#!/usr/bin/env bash
# What verifying signatures and deciding policies costs: GetItem and PutItem throughput and latency of one Jynamo
# (built beforehand with `mvn install -DskipTests`; embedded PostgreSQL on port 54331) with JYNAMO_AUTH on, then
# off, under wrk replaying pre-signed requests (16 connections, 10,000 keys, ~1 KB items).
# Needs wrk, python3 with boto3 (Debian: wrk, python3-boto3) and curl. Settings: SECONDS_PER_RUN (10), ROUNDS (5:
# the first warms the JVM, the last is reported).
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(pwd)/bench/target/auth-cost"
here="$(pwd)/bench/wrk"
port=8012
seconds="${SECONDS_PER_RUN:-10}"
rounds="${ROUNDS:-5}"
export AWS_ACCESS_KEY_ID=AKIABENCHADMIN000001 AWS_SECRET_ACCESS_KEY=bench/secret/0000000000000000000000000000
export AWS_DEFAULT_REGION=us-east-1
mkdir -p "$work"

pid=
stop() {
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    kill -KILL -- "-$pid" 2>/dev/null || true
    pid=
  fi
}
trap stop EXIT

measure() {
  local auth="$1"
  rm -rf "$work/pgdata" "$work/home"
  JYNAMO_AUTH="$auth" JYNAMO_PORT=$port JYNAMO_MANAGEMENT_PORT=9996 JYNAMO_HOME="$work/home" \
    JYNAMO_DATA_DIR="$work/pgdata" JYNAMO_EMBEDDED_DB_PORT=54331 JYNAMO_DB_URL= \
    JYNAMO_ADMIN_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID JYNAMO_ADMIN_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY \
    setsid mvn -q -pl launcher exec:java > "$work/jynamo-auth-$auth.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do curl -s -o /dev/null "http://localhost:$port/" && break; sleep 1; done
  python3 "$here/create-table.py" "http://localhost:$port" bench
  python3 "$here/signed-requests.py" "http://localhost:$port" bench put 10000 "$work/put.lua"
  python3 "$here/signed-requests.py" "http://localhost:$port" bench get 10000 "$work/get.lua"
  local line
  for round in $(seq 1 "$rounds"); do
    for op in put get; do
      line=$(REQS="$work/$op.lua" OP=$op wrk -t1 -c16 -d"${seconds}s" -s "$here/replay.lua" "http://localhost:$port/" \
        | grep '^RESULT')
      [[ $round == "$rounds" ]] && echo "$line auth=$auth"
    done
  done
  stop
}

measure on
measure off

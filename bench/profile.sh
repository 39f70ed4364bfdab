#!/usr/bin/env bash
# Profiles Jynamo under one mix of the raw-HTTP benchmark: starts it (port 8010, embedded PostgreSQL), loads and warms
# it through WrkBench, then records JFR CPU samples (every ms) for SECONDS while wrk drives MIX, and prints where the
# samples fall (JfrSummary). Build first (mvn install -DskipTests). Settings: MIX (C), SECONDS_TO_RECORD (30), FILTER (io.jynamo).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(pwd)/bench/target"
source bench/servers.sh
mix="${MIX:-C}"
seconds="${SECONDS_TO_RECORD:-30}"
start_jynamo 8010 "$work/profile" 54332 \
  JBOSS_JAVA_SIZING="-Xms256m -XX:MaxRAMPercentage=25 -XX:FlightRecorderOptions=stackdepth=512"
mvn -q -pl bench exec:java -Dexec.mainClass=io.jynamo.bench.WrkBench -Dexec.args="--target jynamo=http://localhost:8010 \
  --items 10000 --warmup 20 --seconds $((seconds + 15)) --mixes $mix --out $work/profile-run" > "$work/profile-run.log" &
bench=$!
sleep $((20 + 20 + 8))
pid=$(pgrep -f "jboss-modules.*standalone-8010" | head -1)
jcmd "$pid" JFR.start name=profile settings="$(pwd)/bench/profile.jfc" duration=${seconds}s \
  filename="$work/profile-$mix.jfr" > /dev/null
wait $bench
sleep 2
grep '^| '"$mix"' ' "$work/profile-run/results.md" | head -1
java -cp bench/target/classes io.jynamo.bench.JfrSummary "$work/profile-$mix.jfr" 45 "${FILTER:-io.jynamo}"

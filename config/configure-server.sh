#!/usr/bin/env bash
# Applies config/jynamo.cli to the WildFly unpacked at $1, once (a marker file records that it was applied).
set -euo pipefail
wildfly_home="$1"
config_dir="$(cd "$(dirname "$0")" && pwd)"
marker="$wildfly_home/.jynamo-configured"
if [[ -f "$marker" ]] && [[ "$marker" -nt "$config_dir/jynamo.cli" ]]; then
  exit 0
fi
if [[ -f "$marker" ]]; then
  echo "config/jynamo.cli changed since $wildfly_home was configured; run 'mvn clean install' to provision afresh" >&2
  exit 1
fi
"$wildfly_home/bin/jboss-cli.sh" --file="$config_dir/jynamo.cli"
touch "$marker"

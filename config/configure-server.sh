#!/usr/bin/env bash
# Applies config/jynamo.cli to the WildFly unpacked at $1. Runs again only when jynamo.cli changed since the last run,
# and then starts from the distribution's own standalone.xml (kept aside as standalone.xml.dist), so the script is
# safe to run on every build.
set -euo pipefail
wildfly_home="$1"
config_dir="$(cd "$(dirname "$0")" && pwd)"
configuration="$wildfly_home/standalone/configuration"
marker="$wildfly_home/.jynamo-configured"
if [[ -f "$marker" && "$marker" -nt "$config_dir/jynamo.cli" ]]; then
  exit 0
fi
if [[ -f "$configuration/standalone.xml.dist" ]]; then
  cp "$configuration/standalone.xml.dist" "$configuration/standalone.xml"
else
  cp "$configuration/standalone.xml" "$configuration/standalone.xml.dist"
fi
"$wildfly_home/bin/jboss-cli.sh" --file="$config_dir/jynamo.cli"
touch "$marker"

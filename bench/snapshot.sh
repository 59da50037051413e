#!/usr/bin/env bash
# Saves the current runnable gateway (gateway-launcher/target/portcullis-gateway.jar) to DIR, so
# bench/compare.sh --snapshot LABEL=DIR can measure it against a later build in one run.
#
#   bench/snapshot.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# = 1 ] || { sed -n '2,5p' "$0"; exit 2; }
dir=$(mkdir -p "$1" && cd "$1" && pwd)
. bench/lib.sh
build_examples yes
cp "$gateway_jar" "$dir/portcullis-gateway.jar"
echo "saved to $dir"

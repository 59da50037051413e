#!/usr/bin/env bash
# Saves the current launcher build (gateway-examples classes and the module jars it runs on) to DIR, with
# DIR/classpath.txt, so bench/compare.sh --snapshot LABEL=DIR can measure it against a later build in one run.
#
#   bench/snapshot.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# = 1 ] || { sed -n '2,5p' "$0"; exit 2; }
dir=$(mkdir -p "$1" && cd "$1" && pwd)
. bench/lib.sh
build_examples yes
rm -rf "$dir/classes" && cp -r gateway-examples/target/classes "$dir/classes"
cp_out="$dir/classes"
for entry in $(tr ':' ' ' < gateway-examples/target/classpath.txt); do
  case "$entry" in
    "$PWD"/*) cp "$entry" "$dir/" && cp_out="$cp_out:$dir/$(basename "$entry")" ;;
    *) cp_out="$cp_out:$entry" ;;
  esac
done
echo "$cp_out" > "$dir/classpath.txt"
echo "saved to $dir"

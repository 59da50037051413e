#!/usr/bin/env bash
# Runs the JMH benchmarks: bench/jmh.sh [benchmark regex] [extra JMH options, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl gateway-benchmarks -am package dependency:build-classpath \
    -DskipTests -Dmdep.outputFile=target/classpath.txt
classpath="gateway-benchmarks/target/classes:$(cat gateway-benchmarks/target/classpath.txt)"
pattern="${1:-.}"
shift || true
exec java -cp "$classpath" org.openjdk.jmh.Main "$pattern" "$@"

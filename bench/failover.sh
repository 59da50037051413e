#!/usr/bin/env bash
# Failover measurement: the gateway (GatewayFilter in embedded Jetty, the Jetty upstream client it creates) routes one
# route over three local upstream instances under steady load; one instance is stopped mid-run (connections reset,
# new ones refused). Two runs, resilience on (outlier ejection, budgeted retries, health checks) and off, each
# printing requests, error rate and p50/p99 before the kill, in the 5 s after it and after that:
#
#   bench/failover.sh [--seconds 20] [--kill-at 8] [--clients 16] [--no-build]
#
# Runs the tool dev.portcullis.benchmarks.failover.Failover in one JVM; everything binds 127.0.0.1, each run is bounded
# by --seconds (plus the 5 s request timeout) and everything started stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20 kill_at=8 clients=16 build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds|--kill-at|--clients) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; } ;;&
    --seconds) seconds=$2; shift 2 ;;
    --kill-at) kill_at=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --no-build) build=no; shift ;;
    --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$build" = yes ] || [ ! -f gateway-benchmarks/target/classpath.txt ]; then
  mvn -B -ntp -q -pl gateway-benchmarks -am package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile=target/classpath.txt >/dev/null
fi
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "gateway-benchmarks/target/classes:$(cat gateway-benchmarks/target/classpath.txt)" \
    dev.portcullis.benchmarks.failover.Failover "$seconds" "$kill_at" "$clients"

#!/usr/bin/env bash
# Connection-load harness: the runnable gateway (portcullis-gateway.jar) at a small heap in front of a local upstream, attacked in bounded
# runs by the NIO tool dev.portcullis.benchmarks.flood.Flood:
#
#   bench/flood.sh [--heap 128m] [--burst 1000] [--flood 10000] [--held 1200] [--slowloris 500] [--drip 2]
#                  [--latency 1000] [--rounds 3] [--no-build]
#
#   0. the same flood against the upstream alone, for comparison (after the burst, so the gateway starts cold);
#   1. burst:     BURST connections at once against the gateway right after it started (cold upstream client);
#   2. flood:     FLOOD connections at once against the warmed gateway;
#  2b. held:      HELD connections whose upstream answers only after 4 s: the live heap per exchange in flight
#                 and the largest classes of the heap while they are held;
#   3. slowloris: SLOWLORIS connections that send a header line every DRIP seconds and never end the head,
#                 with one normal request per second alongside;
#   4. latency:   LATENCY connections at once, ROUNDS times alternating between the gateway and Jetty's
#                 AsyncProxyServlet (dev.portcullis.examples.baseline.JettyProxyBaseline) on the same upstream.
# Each run prints the answers per status, the failures and p50/p99; before the flood (cold, then warmed by the burst and
# idle), right after it and 30 s after it, it prints the gateway's live heap (after a full GC), live threads and
# sockets in CLOSE-WAIT, and whether it logged an OutOfMemoryError. Last it sends
# SIGTERM and prints how long the gateway took to exit. Everything binds 127.0.0.1, every run is bounded in time,
# and everything started is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

heap=128m burst=1000 flood=10000 held=1200 hold=4 slowloris=500 drip=2 latency=1000 rounds=3 build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --heap|--burst|--flood|--held|--slowloris|--drip|--latency|--rounds) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; } ;;&
    --heap) heap=$2; shift 2 ;;
    --burst) burst=$2; shift 2 ;;
    --flood) flood=$2; shift 2 ;;
    --held) held=$2; shift 2 ;;
    --slowloris) slowloris=$2; shift 2 ;;
    --drip) drip=$2; shift 2 ;;
    --latency) latency=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --no-build) build=no; shift ;;
    --help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
upstream_port=$(free_port)
gateway_port=$(free_port)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

build_examples "$build"
if [ "$build" = yes ] || [ ! -f gateway-benchmarks/target/classpath.txt ]; then
  mvn -B -ntp -q -pl gateway-benchmarks -am package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile=target/classpath.txt >/dev/null
fi
tools="gateway-benchmarks/target/classes"

# the JDK server keeps only 200 idle connections by default and closes the rest, which races the gateway's pooled
# connections into 502s; the flood measures the gateway, so the upstream keeps them
java -Xmx256m -Dsun.net.httpserver.maxIdleConnections=4000 ${UPSTREAM_JAVA_OPTS:-} -cp "$tools" dev.portcullis.benchmarks.flood.FloodUpstream "$upstream_port" > "$work/upstream.log" 2>&1 &
pids+=("$!")
java "-Xmx$heap" ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" \
    --port "$gateway_port" --route "/api=http://127.0.0.1:$upstream_port" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$gateway_port") 2>/dev/null && break
  sleep 0.2
done

state() { # live heap (after a full GC), live threads, CLOSE-WAIT sockets of the gateway
  local heap_used threads close_wait
  jcmd "$gateway_pid" GC.run >/dev/null 2>&1 || true
  heap_used=$(jcmd "$gateway_pid" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  threads=$(ls "/proc/$gateway_pid/task" | wc -l)
  close_wait=$(ss -Htan state close-wait "( sport = :$gateway_port )" | wc -l)
  echo "  gateway: heap used after GC $heap_used, threads $threads, CLOSE-WAIT $close_wait"
}

upstream_direct() { # the same flood against the upstream alone, for comparison
  echo "== 0. the upstream alone: $1 connections at once"
  flood_tool flood "$upstream_port" /api/hello "$1" 60
}

flood_tool() { java -Xmx1g -cp "$tools" dev.portcullis.benchmarks.flood.Flood "$@"; }

echo "== idle, before any request"; state
echo "== 1. cold burst: $burst connections at once right after start (-Xmx$heap)"
flood_tool flood "$gateway_port" /api/hello "$burst" 60
upstream_direct "$flood"
echo "== warmed and idle, the baseline the flood must return to"; state
echo "== 2. flood: $flood connections at once"
flood_tool flood "$gateway_port" /api/hello "$flood" 90
echo "   right after:"; state
sleep 30
echo "   30 s later:"; state
echo "== 2b. memory per exchange in flight: $held connections held ${hold}s by the upstream"
state_heap() { jcmd "$gateway_pid" GC.run >/dev/null 2>&1 || true
  jcmd "$gateway_pid" GC.heap_info 2>/dev/null | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {sub("K","",$(i+1)); print $(i+1); exit}}'; }
before_held=$(state_heap)
flood_tool flood "$gateway_port" /api/hold "$held" 60 > "$work/held.log" &
held_pid=$!
sleep $((hold / 2))
jcmd "$gateway_pid" GC.class_histogram 2>/dev/null > "$work/histogram.txt" || true
during_held=$(state_heap)
wait "$held_pid"
sed 's/^/  /' "$work/held.log"
awk -v a="$before_held" -v b="$during_held" -v n="$held" \
  'BEGIN { printf "  live heap %d KiB before, %d KiB with the exchanges in flight: %.1f KiB per exchange\n", a, b, (b - a) / n }'
echo "  largest classes of the live heap with the exchanges in flight (instances, bytes):"
awk 'NR > 3 && NR <= 15 { printf "    %-60s %8s %10s\n", $4, $2, $3 }' "$work/histogram.txt"
echo "== 3. slowloris: $slowloris connections, a header line every $drip s, for at most 40 s"
flood_tool slowloris "$gateway_port" /api/hello "$slowloris" "$drip" 40
state
{ grep -c OutOfMemoryError "$work/gateway.log" || true; } | sed 's/^/  OutOfMemoryError lines in the gateway log: /'
echo "== 4. latency at $latency warmed connections, the gateway against Jetty's AsyncProxyServlet, $rounds rounds"
baseline_port=$(free_port)
java "-Xmx$heap" -cp "$classpath" dev.portcullis.examples.baseline.JettyProxyBaseline "$baseline_port" \
    "http://127.0.0.1:$upstream_port" async > "$work/baseline.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$baseline_port") 2>/dev/null && break
  sleep 0.2
done
flood_tool flood "$baseline_port" /api/hello "$latency" 60 >/dev/null
for round in $(seq 1 "$rounds"); do
  for target in gateway:$gateway_port jetty-proxy:$baseline_port; do
    echo "  round $round, ${target%%:*}: $(flood_tool flood "${target##*:}" /api/hello "$latency" 60 | tr '\n' ' ' | sed 's/  */ /g')"
  done
done
echo "== 5. SIGTERM"
t0=$(date +%s.%N)
kill -TERM "$gateway_pid"
for _ in $(seq 1 300); do kill -0 "$gateway_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$gateway_pid" 2>/dev/null; then echo "  still running 30 s after SIGTERM"; else
  awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "  exited %.1f s after SIGTERM\n", b - a }'; fi

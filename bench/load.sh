#!/usr/bin/env bash
# Load harness: nginx as the backend, the standalone Portcullis gateway in front of it, wrk against both in one run.
#
#   bench/load.sh [--client jdk|jetty] [--duration SECONDS] [--connections N] [--threads N] [--body-bytes N] [--no-build]
#
# Prints requests/s, p50 and p99 latency for the backend hit directly and through the gateway, the ratio of the
# two, and the gateway JVM's CPU time per request. Every run is bounded by --duration; all servers bind 127.0.0.1
# and are stopped on exit. Needs nginx and wrk (Debian: apt-get install nginx-light wrk); installs them if missing
# and running as root. bench/compare.sh measures Jetty's ProxyServlet and both clients in alternating rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

client=jdk duration=15 connections=32 threads=2 body_bytes=1024 build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --client|--duration|--connections|--threads|--body-bytes) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; } ;;&
    --client) client=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --body-bytes) body_bytes=$2; shift 2 ;;
    --no-build) build=no; shift ;;
    --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

need wrk wrk
need nginx nginx-light
backend_port=$(free_port)
gateway_port=$(free_port)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; stop_nginx; rm -rf "$work"; }
trap cleanup EXIT

start_nginx "$backend_port" "$body_bytes"
build_examples "$build"
java -Xmx512m ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" \
    --port "$gateway_port" --client "$client" --route "/api=http://127.0.0.1:$backend_port" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
await_url "http://127.0.0.1:$gateway_port/api/hello" "$work/gateway.log"

echo "warming up the gateway ($client client) ..."
wrk_run 5 "http://127.0.0.1:$gateway_port/api/hello" >/dev/null
echo "direct:  wrk -t$threads -c$connections -d${duration}s http://127.0.0.1:$backend_port/api/hello"
read -r d_rps d_p50 d_p99 d_req < <(wrk_run "$duration" "http://127.0.0.1:$backend_port/api/hello" | wrk_parse)
before=$(cpu_ticks "$gateway_pid")
echo "gateway: wrk -t$threads -c$connections -d${duration}s http://127.0.0.1:$gateway_port/api/hello"
read -r g_rps g_p50 g_p99 g_req < <(wrk_run "$duration" "http://127.0.0.1:$gateway_port/api/hello" | wrk_parse)
after=$(cpu_ticks "$gateway_pid")
hz=$(getconf CLK_TCK)

awk -v drps="$d_rps" -v dp50="$d_p50" -v dp99="$d_p99" -v grps="$g_rps" -v gp50="$g_p50" -v gp99="$g_p99" \
    -v greq="$g_req" -v ticks="$((after - before))" -v hz="$hz" -v client="$client" -v bytes="$body_bytes" 'BEGIN {
  printf "\n%-10s %12s %10s %10s\n", "target", "requests/s", "p50 ms", "p99 ms"
  printf "%-10s %12.0f %10.3f %10.3f\n", "nginx", drps, dp50, dp99
  printf "%-10s %12.0f %10.3f %10.3f\n", "gateway", grps, gp50, gp99
  printf "\nclient=%s body=%d B  throughput ratio gateway/direct = %.2f  p99 ratio = %.1f\n", client, bytes, grps/drps, gp99/dp99
  printf "gateway CPU per request = %.1f us (%d ticks at %d Hz over %d requests)\n", ticks*1e6/hz/greq, ticks, hz, greq
}'

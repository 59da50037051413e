#!/usr/bin/env bash
# Load harness: nginx as the backend, the standalone Portcullis gateway in front of it, wrk against both in one run.
#
#   bench/load.sh [--client jdk|jetty] [--duration SECONDS] [--connections N] [--threads N] [--body-bytes N] [--no-build]
#
# Prints requests/s, p50 and p99 latency for the backend hit directly and through the gateway, the ratio of the
# two, and the gateway JVM's CPU time per request. Every run is bounded by --duration; all servers bind 127.0.0.1
# and are stopped on exit. Needs nginx and wrk (Debian: apt-get install nginx-light wrk); installs them if missing
# and running as root.
set -euo pipefail
cd "$(dirname "$0")/.."

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
    --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

need() { # need COMMAND PACKAGE: install PACKAGE with apt-get (as root) when COMMAND is missing
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || { echo "$1 is missing: apt-get install $2" >&2; exit 1; }
}
need wrk wrk
need nginx nginx-light
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
backend_port=$(free_port)
gateway_port=$(free_port)
work=$(mktemp -d)
chmod 755 "$work"   # nginx workers run as an unprivileged user when started as root
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/www/api" "$work/tmp"
head -c "$body_bytes" /dev/zero | tr '\0' 'x' > "$work/www/api/hello"
cat > "$work/nginx.conf" <<CONF
daemon on;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$backend_port; root $work/www; default_type application/octet-stream; }
}
CONF
"$NGINX" -c "$work/nginx.conf" -p "$work"

if [ "$build" = yes ] || [ ! -f gateway-examples/target/classpath.txt ]; then
  mvn -B -ntp -q -pl gateway-examples -am package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile=target/classpath.txt >/dev/null
fi
classpath="gateway-examples/target/classes:$(cat gateway-examples/target/classpath.txt)"
java -Xmx512m -cp "$classpath" dev.portcullis.examples.launcher.StandaloneGateway \
    --port "$gateway_port" --client "$client" --route "/api=http://127.0.0.1:$backend_port" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$gateway_port/api/hello" && break
  sleep 0.2
done
curl -fs -o /dev/null "http://127.0.0.1:$backend_port/api/hello" || { echo "nginx does not serve:"; cat "$work/error.log"; exit 1; }
curl -fs -o /dev/null "http://127.0.0.1:$gateway_port/api/hello" || { echo "gateway did not start:"; cat "$work/gateway.log"; exit 1; }

cpu_ticks() { awk '{print $14+$15}' "/proc/$gateway_pid/stat"; }
run() { wrk -t"$threads" -c"$connections" -d"${1}s" --latency "$2"; }
parse() { # prints: rps p50_ms p99_ms requests
  awk '/Requests\/sec/ {rps=$2}
       /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       /requests in/ {req=$1}
       END {print rps, p50, p99, req}' | sed -E 's/([0-9.]+)us/\1e-3/g; s/([0-9.]+)ms/\1/g; s/([0-9.]+)s( |$)/\1e3\2/g'
}

echo "warming up the gateway ($client client) ..."
run 5 "http://127.0.0.1:$gateway_port/api/hello" >/dev/null
echo "direct:  wrk -t$threads -c$connections -d${duration}s http://127.0.0.1:$backend_port/api/hello"
read -r d_rps d_p50 d_p99 d_req < <(run "$duration" "http://127.0.0.1:$backend_port/api/hello" | parse)
before=$(cpu_ticks)
echo "gateway: wrk -t$threads -c$connections -d${duration}s http://127.0.0.1:$gateway_port/api/hello"
read -r g_rps g_p50 g_p99 g_req < <(run "$duration" "http://127.0.0.1:$gateway_port/api/hello" | parse)
after=$(cpu_ticks)
hz=$(getconf CLK_TCK)

awk -v drps="$d_rps" -v dp50="$d_p50" -v dp99="$d_p99" -v grps="$g_rps" -v gp50="$g_p50" -v gp99="$g_p99" \
    -v greq="$g_req" -v ticks="$((after - before))" -v hz="$hz" -v client="$client" -v bytes="$body_bytes" 'BEGIN {
  printf "\n%-10s %12s %10s %10s\n", "target", "requests/s", "p50 ms", "p99 ms"
  printf "%-10s %12.0f %10.3f %10.3f\n", "nginx", drps, dp50, dp99
  printf "%-10s %12.0f %10.3f %10.3f\n", "gateway", grps, gp50, gp99
  printf "\nclient=%s body=%d B  throughput ratio gateway/direct = %.2f  p99 ratio = %.1f\n", client, bytes, grps/drps, gp99/dp99
  printf "gateway CPU per request = %.1f us (%d ticks at %d Hz over %d requests)\n", ticks*1e6/hz/greq, ticks, hz, greq
}'

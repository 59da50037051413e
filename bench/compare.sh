#!/usr/bin/env bash
# Comparison harness: one nginx (1 worker, a static body) and, in front of it on 127.0.0.1, Jetty 12's own
# AsyncProxyServlet.Transparent and the Portcullis launcher with each upstream client. wrk measures every target in
# turn, in alternating order over several rounds (odd rounds forward, even rounds backward), after one warm-up per
# JVM; the table shows medians with ranges, CPU per request of the proxy JVM, and ratios vs direct and vs Jetty's proxy.
#
#   bench/compare.sh [--rounds N] [--duration SECONDS] [--warmup SECONDS] [--connections N] [--threads N]
#                    [--body-bytes N] [--targets "direct jetty-proxy portcullis-jetty portcullis-jdk"]
#                    [--snapshot LABEL=DIR]... [--clients N] [--no-build]
#
# Targets: direct (nginx), jetty-proxy, portcullis-jetty, portcullis-jdk (the default four), and on request
# portcullis-limit-local / portcullis-limit-redis: the launcher with the Jetty client and --rate-limit 100000000/1s
# (nothing is ever limited, so only the limiter's cost shows), its buckets in the JVM or in a redis-server the
# script starts on a free 127.0.0.1 port (no persistence) and stops on exit; compared with portcullis-jetty, and the
# redis-server's own CPU per request is shown. All wrk requests come from one address, so the limiter targets hit one
# bucket (the worst case for a shared store); --clients N sends X-Forwarded-For from N addresses at random instead,
# with every launcher trusting 127.0.0.1. portcullis-metrics, also on request: the launcher with the Jetty client and
# --admin-port (GatewayMetrics recording into a Prometheus registry), to set against portcullis-jetty.
# --snapshot adds a target LABEL: the launcher (Jetty client) from a build saved by bench/snapshot.sh DIR, to measure
# a change before/after in the same run. GATEWAY_JAVA_OPTS is passed to every JVM. All processes stop on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

rounds=3 duration=10 warmup=5 connections=32 threads=2 body_bytes=1024 build=yes clients=1
targets="direct jetty-proxy portcullis-jetty portcullis-jdk"
snapshots=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds|--duration|--warmup|--connections|--threads|--body-bytes|--targets|--snapshot|--clients)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; } ;;&
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --body-bytes) body_bytes=$2; shift 2 ;;
    --targets) targets=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --snapshot) snapshots+=("$2"); targets="$targets ${2%%=*}"; shift 2 ;;
    --no-build) build=no; shift ;;
    --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

need wrk wrk
need nginx nginx-light
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; stop_nginx; stop_redis; rm -rf "$work"; }
trap cleanup EXIT

backend_port=$(free_port)
start_nginx "$backend_port" "$body_bytes"
build_examples "$build"
if [[ " $targets " == *" portcullis-limit-redis "* ]]; then
  need redis-server redis-server
  redis_port=$(free_port)
  start_redis "$redis_port"
fi
no_limit=100000000/1s
trust=()
if [ "$clients" -gt 1 ]; then
  spread_clients "$clients"
  trust=(--trusted-proxy 127.0.0.1/32)
fi
upstream="http://127.0.0.1:$backend_port"
declare -A url pid
snapshot_dir() { for s in "${snapshots[@]}"; do [ "${s%%=*}" = "$1" ] && echo "${s#*=}"; done; return 0; }

for target in $targets; do
  [ "$target" = direct ] && { url[$target]="$upstream/api/hello"; continue; }
  port=$(free_port)
  gateway=(-jar "$gateway_jar" --port "$port" --client jetty --route "/api=$upstream" "${trust[@]}")
  case "$target" in
    jetty-proxy) run=(-cp "$classpath" dev.portcullis.examples.baseline.JettyProxyBaseline "$port" "$upstream" async) ;;
    portcullis-jetty|portcullis-jdk)
      run=(-jar "$gateway_jar" --port "$port" --client "${target#portcullis-}" --route "/api=$upstream" "${trust[@]}") ;;
    portcullis-metrics) run=("${gateway[@]}" --admin-port "$(free_port)") ;;
    portcullis-limit-local) run=("${gateway[@]}" --rate-limit "$no_limit") ;;
    portcullis-limit-redis) run=("${gateway[@]}" --rate-limit "$no_limit" --redis "redis://127.0.0.1:$redis_port") ;;
    *) dir=$(snapshot_dir "$target"); [ -n "$dir" ] || { echo "unknown target $target" >&2; exit 2; }
       if [ -f "$dir/portcullis-gateway.jar" ]; then
         run=(-jar "$dir/portcullis-gateway.jar" "${gateway[@]:2}")
       else   # a snapshot saved before the launcher became gateway-launcher
         run=(-cp "$(cat "$dir/classpath.txt")" dev.portcullis.examples.launcher.StandaloneGateway "${gateway[@]:2}")
       fi ;;
  esac
  java -Xmx512m ${GATEWAY_JAVA_OPTS:-} "${run[@]}" > "$work/$target.log" 2>&1 &
  pid[$target]=$!
  pids+=("$!")
  url[$target]="http://127.0.0.1:$port/api/hello"
done
for target in $targets; do
  [ "$target" = direct ] && continue
  await_url "${url[$target]}" "$work/$target.log"
  if [ "$target" = portcullis-metrics ] && ! grep -q 'Prometheus scrape on' "$work/$target.log"; then
    echo "$target runs without metrics"; cat "$work/$target.log"; exit 1
  fi
  if [[ $target == portcullis-limit-* ]] && ! curl -fs -D - -o /dev/null "${url[$target]}" | grep -qi '^RateLimit:'; then
    echo "$target answers without rate-limit fields: the limiter is not running"; cat "$work/$target.log"; exit 1
  fi
  echo "warming up $target (${warmup}s) ..."
  wrk_run "$warmup" "${url[$target]}" >/dev/null
done

hz=$(getconf CLK_TCK)
read -r -a order <<< "$targets"
echo "wrk -t$threads -c$connections -d${duration}s, body $body_bytes B, $rounds rounds"
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 0 ]; then
    for ((i = ${#order[@]} - 1, j = 0; i >= 0; i--, j++)); do run_order[j]=${order[i]}; done
  else
    run_order=("${order[@]}")
  fi
  for target in "${run_order[@]}"; do
    [ "$target" = direct ] || before=$(cpu_ticks "${pid[$target]}")
    [ "$target" = portcullis-limit-redis ] && redis_before=$(cpu_ticks "$(cat "$work/redis.pid")")
    wrk_run "$duration" "${url[$target]}" > "$work/wrk.out"
    read -r rps p50 p99 req < <(wrk_parse < "$work/wrk.out")
    failed=$(awk '/Non-2xx or 3xx responses/ {print $NF}' "$work/wrk.out")
    cpu=nan redis_cpu=nan
    [ "$target" = direct ] || cpu=$(awk -v t="$(( $(cpu_ticks "${pid[$target]}") - before ))" -v hz="$hz" -v n="$req" \
        'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    [ "$target" = portcullis-limit-redis ] && redis_cpu=$(awk -v hz="$hz" -v n="$req" \
        -v t="$(( $(cpu_ticks "$(cat "$work/redis.pid")") - redis_before ))" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    redis_note=""
    [ "$redis_cpu" = nan ] || redis_note="  redis-server cpu $redis_cpu us/req"
    printf 'round %d %-22s %9.0f req/s  p50 %7.3f ms  p99 %7.3f ms  cpu %s us/req%s%s\n' "$round" "$target" "$rps" \
        "$p50" "$p99" "$cpu" "${failed:+  NOT 2xx: $failed responses}" "$redis_note"
    echo "$target $rps $p50 $p99 $cpu $redis_cpu" >> "$work/results"
  done
done

python3 - "$work/results" $targets <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
targets = sys.argv[2:]
def med(target, col):
    values = [float(r[col]) for r in rows if r[0] == target and r[col] != 'nan']
    return (statistics.median(values), min(values), max(values)) if values else None
rps = {t: med(t, 1)[0] for t in targets}
print("\nmedians of %d rounds (range)" % len([r for r in rows if r[0] == targets[0]]))
print("%-22s %22s %10s %10s %12s %9s %12s" % ("target", "requests/s", "p50 ms", "p99 ms", "CPU us/req", "vs direct", "vs jetty-proxy"))
for t in targets:
    r, lo, hi = med(t, 1)
    cpu = med(t, 4)
    vs_proxy = "%.2f" % (r / rps["jetty-proxy"]) if "jetty-proxy" in rps else "-"
    vs_direct = "%.2f" % (r / rps["direct"]) if "direct" in rps else "-"
    print("%-22s %8.0f (%5.0f-%5.0f) %10.3f %10.3f %12s %9s %12s" % (t, r, lo, hi, med(t, 2)[0], med(t, 3)[0],
          "%.0f" % cpu[0] if cpu else "-", vs_direct, vs_proxy))
base = "portcullis-jetty"
for t in [t for t in targets if t.startswith("portcullis-limit-")]:
    if base in targets and med(t, 4) and med(base, 4):
        print("%s vs %s: CPU %+.1f us/req, p50 %+.3f ms, p99 %+.3f ms, requests/s x%.2f (medians)" % (
            t, base, med(t, 4)[0] - med(base, 4)[0], med(t, 2)[0] - med(base, 2)[0], med(t, 3)[0] - med(base, 3)[0],
            rps[t] / rps[base]))
    if med(t, 5):
        print("%s: redis-server CPU %.1f us/req (median)" % (t, med(t, 5)[0]))
PY

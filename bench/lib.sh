# Shared by bench/load.sh and bench/compare.sh (source it): tool checks, free ports, nginx as the 1 KiB upstream, redis,
# wrk runs and their parsing, a JVM's CPU ticks. The caller sets $work (a temp dir) and its own EXIT trap.

need() { # need COMMAND PACKAGE: install PACKAGE with apt-get (as root) when COMMAND is missing
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || { echo "$1 is missing: apt-get install $2" >&2; exit 1; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_nginx() { # start_nginx PORT BODY_BYTES: one worker serving $work/www/api/hello
  local port=$1 bytes=$2
  mkdir -p "$work/www/api" "$work/tmp"
  chmod 755 "$work"   # nginx workers run as an unprivileged user when started as root
  head -c "$bytes" /dev/zero | tr '\0' 'x' > "$work/www/api/hello"
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
  server { listen 127.0.0.1:$port; root $work/www; default_type application/octet-stream; }
}
CONF
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$work/nginx.conf" -p "$work"
  curl -fs -o /dev/null "http://127.0.0.1:$port/api/hello" || { echo "nginx does not serve:"; cat "$work/error.log"; exit 1; }
}

start_redis() { # start_redis PORT: a throwaway redis-server (no persistence) in $work/redis, waits until it is ready
  local port=$1
  mkdir -p "$work/redis"
  "$(command -v redis-server || echo /usr/sbin/redis-server)" --port "$port" --bind 127.0.0.1 --dir "$work/redis" \
      --save "" --appendonly no --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  for _ in $(seq 1 100); do
    grep -q "Ready to accept connections" "$work/redis.log" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "redis-server did not come up:"; cat "$work/redis.log"; exit 1
}

stop_redis() { [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true; }

stop_nginx() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; }

# the runnable gateway (gateway-launcher); gateway-examples depends on the launcher, so build_examples makes it too
gateway_jar=gateway-launcher/target/portcullis-gateway.jar

build_examples() { # build_examples yes|no: gateway-examples, its classpath file and $gateway_jar
  if [ "$1" = yes ] || [ ! -f gateway-examples/target/classpath.txt ] || [ ! -f "$gateway_jar" ]; then
    mvn -B -ntp -q -pl gateway-examples -am package dependency:build-classpath -DskipTests \
        -Dmdep.outputFile=target/classpath.txt >/dev/null
  fi
  classpath="gateway-examples/target/classes:$(cat gateway-examples/target/classpath.txt)"
}

await_url() { # await_url URL LOG: wait up to 20 s for a 2xx, else print LOG and fail
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "$1 did not come up:"; cat "$2"; exit 1
}

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

wrk_run() { wrk -t"$threads" -c"$connections" -d"${1}s" --latency ${wrk_script:+-s "$wrk_script"} "$2"; }

spread_clients() { # spread_clients N: a wrk script ($wrk_script) sending X-Forwarded-For from N addresses at random
  wrk_script=$work/clients.lua
  cat > "$wrk_script" <<LUA
math.randomseed(os.time())
request = function()
  local i = math.random(0, $1 - 1)
  return wrk.format(nil, nil, {["X-Forwarded-For"] = "10." .. math.floor(i / 65536) .. "." .. math.floor(i / 256) % 256 .. "." .. i % 256})
end
LUA
}

wrk_parse() { # prints: rps p50_ms p99_ms requests
  awk '/Requests\/sec/ {rps=$2}
       /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       /requests in/ {req=$1}
       END {print rps, p50, p99, req}' | sed -E 's/([0-9.]+)us/\1e-3/g; s/([0-9.]+)ms/\1/g; s/([0-9.]+)s( |$)/\1e3\2/g'
}

# What the consumer checks share; sourced by consumer-check/plain-maven.sh and consumer-check/spring-boot.sh, not
# run on its own. consumer_setup parses the shared options, makes a work directory that is removed on exit with every
# process registered in pids, and installs the Portcullis reactor into the PRIVATE local repository unless
# --skip-install:
#
#   --repo DIR       the private local repository (default /tmp/portcullis-consumer-repo); never ~/.m2
#   --seed DIR       where third-party artifacts come from, read as a file:// mirror, so the check runs offline
#                    (default ~/.m2/repository); Portcullis' own artifacts always come from the install
#   --skip-install   reuse the Portcullis artifacts installed into --repo by an earlier run
#
# Tests of the reactor are skipped (mvn verify runs them); the javadoc and sources jars are built and installed, as
# a release would. Everything binds 127.0.0.1 only.

consumer_setup() {
  repo=/tmp/portcullis-consumer-repo seed="$HOME/.m2/repository" install=yes
  while [ $# -gt 0 ]; do
    case "$1" in
      --repo|--seed) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; } ;;&
      --repo) repo=$2; shift 2 ;;
      --seed) seed=$2; shift 2 ;;
      --skip-install) install=no; shift ;;
      --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; sed -n '/^#   --repo/,/^#   --skip-install/p' "${BASH_SOURCE[0]}"; exit 0 ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
  mkdir -p "$repo"
  repo=$(cd "$repo" && pwd)
  if [ "$repo" = "$(cd "$HOME/.m2/repository" 2>/dev/null && pwd)" ]; then
    echo "--repo must not be ~/.m2/repository: other builds share it" >&2; exit 2
  fi

  work=$(mktemp -d)
  pids=()
  trap consumer_cleanup EXIT

  # every repository Maven would ask (Central included) is served by the seed directory: no network, and nothing is
  # ever written to it
  cat > "$work/settings.xml" <<XML
<settings>
  <mirrors>
    <mirror><id>seed</id><mirrorOf>*</mirrorOf><url>file://$seed</url></mirror>
  </mirrors>
</settings>
XML
  start=$(date +%s)
  if [ "$install" = yes ]; then
    rm -rf "$repo/dev/portcullis"          # a clean install: no Portcullis artifact of an earlier run survives
    echo "== installing the reactor into $repo (tests skipped)"
    mvn_private -q install -DskipTests > "$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
  fi
}

# Stops what the check started (SIGTERM, then SIGKILL after 30 s) and removes the work directory.
consumer_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for _ in $(seq 1 150); do
    local alive=no
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=yes; done
    [ "$alive" = no ] && break
    sleep 0.2
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}

mvn_private() { mvn -B -ntp -s "$work/settings.xml" -Dmaven.repo.local="$repo" "$@"; }

# Builds consumer-check/NAME from scratch against the private repository with the GOALS... given; fails with the
# build's output.
build_consumer() {
  local name=$1
  shift
  echo "== building consumer-check/$name against it"
  rm -rf "consumer-check/$name/target"
  mvn_private -q -f "consumer-check/$name/pom.xml" "$@" > "$work/consumer.log" 2>&1 \
      || { cat "$work/consumer.log"; exit 1; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Fails unless JAR (a path) is in the private repository and, when the reactor built MODULE, is the jar it built.
expect_installed_jar() {
  local jar=$1 module=$2
  case "$jar" in
    "$repo"/*) ;;
    *) echo "the consumer did not resolve $module from $repo: '$jar'"; exit 1 ;;
  esac
  local built="$module/target/$module-0.1.0-SNAPSHOT.jar"
  if [ -f "$built" ] && ! cmp -s "$jar" "$built"; then
    echo "the consumer's $module jar is not the one this reactor built: $jar"; exit 1
  fi
}

# Starts the upstream: python3's file server on 127.0.0.1, answering GET /api/hello with "hello from the upstream".
# Sets upstream_port.
start_upstream() {
  mkdir -p "$work/www/api"
  echo "hello from the upstream" > "$work/www/api/hello"
  upstream_port=$(free_port)
  python3 -m http.server "$upstream_port" --bind 127.0.0.1 --directory "$work/www" > "$work/upstream.log" 2>&1 &
  pids+=("$!")
}

# Starts the consumer app (COMMAND...) with its output in $work/app.log and waits up to SECONDS for TEXT there;
# fails with the log when it does not come.
start_app() {
  local text=$1 seconds=$2
  shift 2
  : > "$work/app.log"
  "$@" > "$work/app.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 $(( seconds * 5 ))); do
    grep -q "$text" "$work/app.log" && return 0
    sleep 0.2
  done
  echo "the consumer app did not start (no '$text' in $seconds s):"; cat "$work/app.log"; exit 1
}

# Sends METHOD URL with curl; sets status (the status line), and the headers and body in $work/headers, $work/body.
send() {
  : > "$work/headers"; : > "$work/body"
  curl -s -X "$1" -D "$work/headers" -o "$work/body" --max-time 20 "$2" || true
  status=$(head -n 1 "$work/headers" | tr -d '\r' | sed 's/ *$//')
}

# Fails with the answer and the app's log unless the last answer's status line starts with PREFIX.
expect_status() {
  if [[ "$status" != "$1"* ]]; then
    echo "expected $1, got '$status':"; cat "$work/headers" "$work/body"; echo; echo "app log:"; cat "$work/app.log"
    exit 1
  fi
}

# Sends GET URL (the consumer's /api/hello) and fails unless the upstream answered it through
# the gateway: 200, an X-Request-Id, the upstream's body.
expect_proxied() {
  send GET "$1"
  expect_status "HTTP/1.1 200"
  if ! grep -qi '^X-Request-Id: ' "$work/headers" || [ "$(cat "$work/body")" != "hello from the upstream" ]; then
    echo "GET $1 through the consumer's gateway did not answer as expected:"
    cat "$work/headers" "$work/body"; echo "app log:"; cat "$work/app.log"; exit 1
  fi
  echo "   GET /api/hello -> $status, X-Request-Id set, the upstream's body"
}

#!/usr/bin/env bash
# Consumer check, plain Maven path: installs the Portcullis reactor into a PRIVATE local repository, then builds the
# user project consumer-check/plain-maven (only the portcullis-bom import, gateway-servlet, Jetty 12 and
# slf4j-simple) against it, runs it in front of a small upstream and checks that a request through it answers.
#
#   consumer-check/plain-maven.sh [--repo DIR] [--seed DIR] [--skip-install]
#
#   --repo DIR       the private local repository (default /tmp/portcullis-consumer-repo); never ~/.m2
#   --seed DIR       where third-party artifacts come from, read as a file:// mirror, so the check runs offline
#                    (default ~/.m2/repository); Portcullis' own artifacts always come from the install
#   --skip-install   reuse the Portcullis artifacts installed into --repo by an earlier run
#
# Exit 0 when the consumer answered; anything else prints what failed. Binds 127.0.0.1 only; everything it starts
# is stopped on exit. Tests of the reactor are skipped (mvn verify runs them); the javadoc and sources jars are built
# and installed, as a release would.
set -euo pipefail
cd "$(dirname "$0")/.."

repo=/tmp/portcullis-consumer-repo seed="$HOME/.m2/repository" install=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --repo|--seed) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; } ;;&
    --repo) repo=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --skip-install) install=no; shift ;;
    --help) sed -n '2,16p' "$0"; exit 0 ;;
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
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# every repository Maven would ask (Central included) is served by the seed directory: no network, and nothing is
# ever written to it
cat > "$work/settings.xml" <<XML
<settings>
  <mirrors>
    <mirror><id>seed</id><mirrorOf>*</mirrorOf><url>file://$seed</url></mirror>
  </mirrors>
</settings>
XML
mvn_private() { mvn -B -ntp -s "$work/settings.xml" -Dmaven.repo.local="$repo" "$@"; }

start=$(date +%s)
if [ "$install" = yes ]; then
  rm -rf "$repo/dev/portcullis"          # a clean install: no Portcullis artifact of an earlier run survives
  echo "== installing the reactor into $repo (tests skipped)"
  mvn_private -q install -DskipTests > "$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
fi
echo "== building consumer-check/plain-maven against it"
rm -rf consumer-check/plain-maven/target
mvn_private -q -f consumer-check/plain-maven/pom.xml package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt > "$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; exit 1; }
classpath="consumer-check/plain-maven/target/classes:$(cat consumer-check/plain-maven/target/classpath.txt)"
servlet_jar=$(tr ':' '\n' <<< "$classpath" | grep '/gateway-servlet-[^/]*\.jar$' || true)
case "$servlet_jar" in
  "$repo"/*) ;;
  *) echo "the consumer did not resolve gateway-servlet from $repo: '$servlet_jar'"; exit 1 ;;
esac
if [ -f gateway-servlet/target/gateway-servlet-0.1.0-SNAPSHOT.jar ] \
    && ! cmp -s "$servlet_jar" gateway-servlet/target/gateway-servlet-0.1.0-SNAPSHOT.jar; then
  echo "the consumer's gateway-servlet jar is not the one this reactor built: $servlet_jar"; exit 1
fi

echo "== running it in front of an upstream"
mkdir -p "$work/www/api"
echo "hello from the upstream" > "$work/www/api/hello"
upstream_port=$(free_port)
python3 -m http.server "$upstream_port" --bind 127.0.0.1 --directory "$work/www" > "$work/upstream.log" 2>&1 &
pids+=("$!")
gateway_port=$(free_port)
java -cp "$classpath" com.example.gateway.App "$gateway_port" "http://127.0.0.1:$upstream_port" \
    > "$work/app.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 150); do
  grep -q "listening on" "$work/app.log" && break
  sleep 0.2
done
grep -q "listening on" "$work/app.log" || { echo "the consumer app did not start:"; cat "$work/app.log"; exit 1; }

curl -s -D "$work/headers" -o "$work/body" --max-time 20 "http://127.0.0.1:$gateway_port/api/hello" || true
status=$(head -n 1 "$work/headers" | tr -d '\r')
if [[ "$status" != "HTTP/1.1 200"* ]] || ! grep -qi '^X-Request-Id: ' "$work/headers" \
    || [ "$(cat "$work/body")" != "hello from the upstream" ]; then
  echo "GET /api/hello through the consumer's gateway did not answer as expected:"
  cat "$work/headers" "$work/body"; echo "app log:"; cat "$work/app.log"; exit 1
fi
echo "   GET /api/hello -> $status, X-Request-Id set, the upstream's body"
echo "consumer check (plain Maven): OK in $(( $(date +%s) - start )) s"

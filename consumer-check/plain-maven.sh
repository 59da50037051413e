#!/usr/bin/env bash
# Consumer check, plain Maven path: installs the Portcullis reactor into a PRIVATE local repository, then builds the
# user project consumer-check/plain-maven (only the portcullis-bom import, gateway-servlet, Jetty 12 and
# slf4j-simple) against it, runs it in front of a small upstream and checks that a request through it answers.
#
#   consumer-check/plain-maven.sh [--repo DIR] [--seed DIR] [--skip-install]
#
# Exit 0 when the consumer answered; anything else prints what failed. The options, the install and the clean-up
# are consumer-check/common.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
source consumer-check/common.sh
consumer_setup "$@"

echo "== building consumer-check/plain-maven against it"
rm -rf consumer-check/plain-maven/target
mvn_private -q -f consumer-check/plain-maven/pom.xml package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt > "$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; exit 1; }
classpath="consumer-check/plain-maven/target/classes:$(cat consumer-check/plain-maven/target/classpath.txt)"
expect_installed_jar "$(tr ':' '\n' <<< "$classpath" | grep '/gateway-servlet-[^/]*\.jar$' || true)" gateway-servlet

echo "== running it in front of an upstream"
start_upstream
gateway_port=$(free_port)
java -cp "$classpath" com.example.gateway.App "$gateway_port" "http://127.0.0.1:$upstream_port" \
    > "$work/app.log" 2>&1 &
pids+=("$!")
await_log "$work/app.log" "listening on" 30

send GET "http://127.0.0.1:$gateway_port/api/hello"
expect_status "HTTP/1.1 200" "$work/app.log"
if ! grep -qi '^X-Request-Id: ' "$work/headers" || [ "$(cat "$work/body")" != "hello from the upstream" ]; then
  echo "GET /api/hello through the consumer's gateway did not answer as expected:"
  cat "$work/headers" "$work/body"; echo "app log:"; cat "$work/app.log"; exit 1
fi
echo "   GET /api/hello -> $status, X-Request-Id set, the upstream's body"
echo "consumer check (plain Maven): OK in $(( $(date +%s) - start )) s"

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

build_consumer plain-maven package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
classpath="consumer-check/plain-maven/target/classes:$(cat consumer-check/plain-maven/target/classpath.txt)"
expect_installed_jar "$(tr ':' '\n' <<< "$classpath" | grep '/gateway-servlet-[^/]*\.jar$' || true)" gateway-servlet

echo "== running it in front of an upstream"
start_upstream
gateway_port=$(free_port)
start_app "listening on" 30 \
    java -cp "$classpath" com.example.gateway.App "$gateway_port" "http://127.0.0.1:$upstream_port"
expect_proxied "http://127.0.0.1:$gateway_port/api/hello"
echo "consumer check (plain Maven): OK in $(( $(date +%s) - start )) s"

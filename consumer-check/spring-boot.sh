#!/usr/bin/env bash
# Consumer check, Spring Boot path: installs the Portcullis reactor into a PRIVATE local repository, then builds the
# user project consumer-check/spring-boot (Spring Boot's parent, only the portcullis-bom import and
# portcullis-spring-boot-starter, and Boot's servlet web starter) into its executable jar against it, starts it with
# java -jar in front of a small upstream and checks a request through the gateway, a problem+json 405 of the
# gateway's guards, and a request that passes on to the application.
#
#   consumer-check/spring-boot.sh [--repo DIR] [--seed DIR] [--skip-install]
#
# Exit 0 when all answered as expected; anything else prints what failed. The options, the install and the clean-up
# are consumer-check/common.sh's; after consumer-check/plain-maven.sh, --skip-install reuses its install.
set -euo pipefail
cd "$(dirname "$0")/.."
source consumer-check/common.sh
consumer_setup "$@"

build_consumer spring-boot package dependency:list -DoutputFile=target/dependencies.txt \
    -DoutputAbsoluteArtifactFilename=true
expect_installed_jar "$(grep -o '/[^ ]*/portcullis-spring-boot-starter-[^/]*\.jar' \
    consumer-check/spring-boot/target/dependencies.txt || true)" portcullis-spring-boot-starter
app_jar=consumer-check/spring-boot/target/spring-boot-gateway-1.0.jar
unzip -Z1 "$app_jar" > "$work/app-jar.txt"
grep -q '^BOOT-INF/lib/portcullis-spring-boot-starter-' "$work/app-jar.txt" \
    || { echo "$app_jar is not a Spring Boot jar holding the starter"; exit 1; }

echo "== running it (java -jar) in front of an upstream"
start_upstream
sed "s|http://127.0.0.1:9001|http://127.0.0.1:$upstream_port|" consumer-check/spring-boot/src/main/config/gateway.yaml \
    > "$work/gateway.yaml"
gateway_port=$(free_port)
start_app "Started GatewayApplication" 90 \
    java -jar "$app_jar" --server.port="$gateway_port" --portcullis.config-file="$work/gateway.yaml"
base="http://127.0.0.1:$gateway_port"
expect_proxied "$base/api/hello"

send DELETE "$base/api/hello"
expect_status "HTTP/1.1 405"
if ! grep -qi '^Content-Type: application/problem+json' "$work/headers" || ! grep -q '"status" *: *405' "$work/body"; then
  echo "DELETE /api/hello was not the gateway's problem+json 405:"
  cat "$work/headers" "$work/body"; echo; echo "app log:"; cat "$work/app.log"; exit 1
fi
echo "   DELETE /api/hello -> $status, application/problem+json: $(tr -d '\n' < "$work/body")"

send GET "$base/app/hello"
expect_status "HTTP/1.1 200"
if [ "$(cat "$work/body")" != "hello from the application" ]; then
  echo "GET /app/hello did not reach the application:"; cat "$work/headers" "$work/body"; exit 1
fi
echo "   GET /app/hello -> $status from the application (no route: the gateway passes it on)"
echo "consumer check (Spring Boot): OK in $(( $(date +%s) - start )) s"

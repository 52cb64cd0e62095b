#!/usr/bin/env bash
# The same WAR on WildFly 39 (standalone.xml): the in-container tests tagged "smoke".
# Call from .ci/run after the Payara run (unit tests already ran there, so this profile skips them).
# Needs only Maven Central: wildfly-dist is unpacked into target/ by -P wildfly.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
status=0
mvn -B -ntp -P wildfly verify || status=$?
echo "WildFly smoke: $(( $(date +%s) - start )) s, exit ${status}"
if [ "$status" -ne 0 ]; then
  # the server's own log, for the deployment error that failsafe only summarises
  tail -n 200 target/wildfly-*/standalone/log/server.log 2>/dev/null || true
fi
exit "$status"

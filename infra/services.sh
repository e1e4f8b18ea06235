#!/usr/bin/env bash
# A real Kafka broker (KRaft, single node) and a real S3 server (S3Proxy) for local runs.
#
#   infra/services.sh start    start both (if not running), wait until ready, create topics and bucket
#   infra/services.sh status   print both addresses and whether each is up (exit 3 if one is down)
#   infra/services.sh stop     stop the processes recorded at start, by PID, never by name
#   infra/services.sh clean    stop, then delete the state folder (data and logs)
#
# Ports: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), S3_PORT (9000). Credentials: S3_ACCESS_KEY,
# S3_SECRET_KEY; bucket: S3_BUCKET (gdq-images); partitions: GDQ_REQUESTS_PARTITIONS (6),
# GDQ_EVENTS_PARTITIONS (3), GDQ_CANCELLATIONS_PARTITIONS (1), GDQ_DLQ_PARTITIONS (1);
# readiness timeout: GDQ_READINESS_TIMEOUT_SECONDS (60). State: GDQ_SERVICES_HOME (<repo>/.services).
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$infra_dir")"
export GDQ_SERVICES_HOME="${GDQ_SERVICES_HOME:-$repo_root/.services}"

classes="$infra_dir/target/classes"
cli_classpath="$infra_dir/target/services-cli.classpath"

case "${1:-}" in
  start|stop|status|clean) ;;
  *) echo "usage: $0 start|stop|status|clean" >&2; exit 2 ;;
esac

# The launcher and the classpaths of the servers come from the infra build.
if [[ ! -f "$cli_classpath" || ! -f "$classes/dev/gdq/infra/local/ServicesCli.class" \
      || ! -f "$classes/dev/gdq/infra/process/kafka-broker.classpath" ]]; then
  echo "services: building infra (once): mvn -pl infra -am install -DskipTests" >&2
  mvn -B -q -f "$repo_root/pom.xml" -pl infra -am install -DskipTests >&2
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Xmx256m -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$classes:$(cat "$cli_classpath")" dev.gdq.infra.local.ServicesCli "$1"

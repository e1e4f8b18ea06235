#!/usr/bin/env bash
# The full fault suite: kill -9 of a worker mid-batch (1,000 images), a broker restart, the broker down 30 s, S3
# stopped 30 s, 100 poison records interleaved with valid tasks, and a 10,000-image run on the trivial model.
# Builds what it needs, runs dev.gdq.reliability.FaultSuite and prints the table of figures (also written to
# reliability/target/faults.md, worker logs in reliability/target/fault-logs/). Exit status 1 if a figure is off.
#
#   reliability/run-faults.sh [--no-build]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${1:-}" != "--no-build" ]]; then
  echo "run-faults: building (mvn -B -q -pl reliability -am install -DskipTests)" >&2
  mvn -B -q -pl reliability -am install -DskipTests
fi

classpath="$(ls reliability/target/gdq-reliability-*.jar | head -1):$(cat reliability/target/fault-suite.classpath)"
exec java -Xmx1g -Dgdq.repo.root="$root" -cp "$classpath" dev.gdq.reliability.FaultSuite reliability/target/faults.md

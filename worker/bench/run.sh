#!/usr/bin/env bash
# Runs one benchmark main of dev.gdq.worker.bench in a fresh JVM with the engine settings of FACTS.md.
#   worker/bench/run.sh SamplerVsRawLoop configs=16:3,64:3 rounds=7
# Compiles the module and what it needs with -Pbench and snapshots its classes into worker/target/bench/ first, unless
# BENCH_SKIP_BUILD=1 (then the last snapshot runs). JVM options: BENCH_JVM_OPTS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/worker/target/bench"
main="${1:?usage: run.sh MainClass [key=value ...]}"
shift
mkdir -p "$out"
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$out/classpath.txt" ]]; then
  (cd "$root" && mvn -B -q -pl worker -am -Pbench test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >&2)
  # a private copy of the compiled classes, so that a rebuild of the module during a long run changes nothing
  rm -rf "$out/classes" "$out/test-classes"
  cp -r "$root/worker/target/classes" "$out/classes"
  cp -r "$root/worker/target/test-classes" "$out/test-classes"
fi
classpath="$out/test-classes:$out/classes:$(cat "$out/classpath.txt")"
cd "$root"
exec java ${BENCH_JVM_OPTS:--Xms512m -Xmx2g} \
  -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 \
  -Dgdq.repo.root="$root" -cp "$classpath" "dev.gdq.worker.bench.$main" "$@"

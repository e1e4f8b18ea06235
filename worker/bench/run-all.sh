#!/usr/bin/env bash
# Every benchmark of the worker module, one after another, logs in worker/target/bench/:
#   worker/bench/run-all.sh
# 1. SamplerVsRawLoop: guided sampler vs the raw batched forward loop (goal: ratio >= 0.95)
# 2. UnconditionalFractionCost: cost vs fraction of steps with unconditional rows, plotted to
#    docs/images/bench-unconditional-fraction.png
# 3. python-vs-java.sh: the same DDIM + CFG loop in Python vs ours (goal: ours >= 1.3x)
# 4. RssSoak: 2,000 small batches, RSS every 100 (goal: growth < 5% between batch 100 and 1,000)
# Run it on an otherwise idle machine: the engine's two threads spin-wait, so a competing process distorts
# every figure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
logs="$root/worker/target/bench"
mkdir -p "$logs"
cd "$root"
quiet() { grep --line-buffered -v 'WARN ai.djl.util.cuda' || true; }

echo "# run-all: $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD), uncommitted in worker/src and" \
  "scheduler/src: $(git status --short -- worker/src scheduler/src | tr '\n' ' ')"

"$here/run.sh" SamplerVsRawLoop 2>&1 | quiet | tee "$logs/sampler-vs-raw.log"
export BENCH_SKIP_BUILD=1  # every later benchmark runs the classes built and copied for the first
"$here/run.sh" UnconditionalFractionCost csv="$logs/fraction.csv" 2>&1 | quiet \
  | tee "$logs/fraction.log"
/usr/bin/python3 "$here/python/plot_fraction.py" "$logs/fraction.csv" docs/images/bench-unconditional-fraction.png \
  "batch 80, DDIM 50, s = 3 at the guided steps ($(date -u +%Y-%m-%d))"
"$here/python-vs-java.sh" 2>&1 | quiet | tee "$logs/python-vs-java.log"
# A fixed, pre-touched heap: otherwise RSS grows while G1 first touches the pages of its committed heap, which
# says nothing about the engine's native memory; NMT splits the JVM's own memory from the rest.
BENCH_JVM_OPTS="-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:NativeMemoryTracking=summary" \
  "$here/run.sh" RssSoak batches=2000 2>&1 | quiet | tee "$logs/soak.log"

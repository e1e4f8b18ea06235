#!/usr/bin/env bash
# Every benchmark of the worker module, one after another, logs in worker/target/bench/:
#   worker/bench/run-all.sh
# 1. SamplerVsRawLoop: guided sampler vs the raw batched forward loop (goal: ratio >= 0.95)
# 2. UnconditionalFractionCost: cost vs fraction of steps with unconditional rows, plotted to
#    docs/images/bench-unconditional-fraction.png
# 3. python-vs-java.sh: the same DDIM + CFG loop in Python vs ours (goal: ours >= 1.3x)
# 4. RssSoak: 1,000 small batches, RSS at batch 100 and 1,000 (goal: growth < 5%)
# Run it on an otherwise idle machine: the engine's two threads spin-wait, so a competing process distorts
# every figure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
logs="$root/worker/target/bench"
mkdir -p "$logs"
cd "$root"
quiet() { grep --line-buffered -v 'WARN ai.djl.util.cuda' || true; }

"$here/run.sh" SamplerVsRawLoop 2>&1 | quiet | tee "$logs/sampler-vs-raw.log"
BENCH_SKIP_BUILD=1 "$here/run.sh" UnconditionalFractionCost csv="$logs/fraction.csv" 2>&1 | quiet \
  | tee "$logs/fraction.log"
/usr/bin/python3 "$here/python/plot_fraction.py" "$logs/fraction.csv" docs/images/bench-unconditional-fraction.png \
  "batch 80, DDIM 50, s = 3 at the guided steps ($(date -u +%Y-%m-%d))"
"$here/python-vs-java.sh" 2>&1 | quiet | tee "$logs/python-vs-java.log"
BENCH_SKIP_BUILD=1 "$here/run.sh" RssSoak 2>&1 | quiet | tee "$logs/soak.log"

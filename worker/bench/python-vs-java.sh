#!/usr/bin/env bash
# The same DDIM + CFG loop in Java (the guided sampler, and the raw loop for reference) and in Python (Debian
# torch, 2 threads, the same TorchScript file), in alternating processes; prints medians and ratios.
#   worker/bench/python-vs-java.sh
# Settings (environment): ROUNDS=5 (process rounds), RUNS=2 (timed runs per process, after WARMUP=2),
# IMAGES=80 BATCH=80 STEPS=50 SCALE=3, VARIANTS="java-sampler python java-raw".
# First checks that both loops make the same images from the same noise (DdimCfgTimer dump, ddim_cfg.py --check).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/worker/target/bench"
rounds="${ROUNDS:-5}" runs="${RUNS:-2}" warmup="${WARMUP:-2}"
images="${IMAGES:-80}" batch="${BATCH:-80}" steps="${STEPS:-50}" scale="${SCALE:-3}"
read -r -a variants <<< "${VARIANTS:-java-sampler python java-raw}"
python=/usr/bin/python3
mkdir -p "$out"
results="$out/python-vs-java.results"
: > "$results"

echo "# python-vs-java: images=$images batch=$batch steps=$steps scale=$scale rounds=$rounds runs=$runs warmup=$warmup"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average $(cat /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); python: $($python -c 'import sys, torch; print(sys.version.split()[0], "torch", torch.__version__)')"

"$here/run.sh" DdimCfgTimer images="$batch" batch="$batch" steps="$steps" scale="$scale" warmup=1 runs=0 \
  dump="$out/check" 2> >(grep --line-buffered -v WARN >&2)
$python "$here/python/ddim_cfg.py" --batch "$batch" --steps "$steps" --scale "$scale" --check "$out/check"

run_variant() {
  case "$1" in
    java-sampler|java-raw)
      BENCH_SKIP_BUILD=1 "$here/run.sh" DdimCfgTimer variant="${1#java-}" images="$images" batch="$batch" \
        steps="$steps" scale="$scale" warmup="$warmup" runs="$runs" 2> >(grep --line-buffered -v WARN >&2) ;;
    python)
      $python "$here/python/ddim_cfg.py" --images "$images" --batch "$batch" --steps "$steps" --scale "$scale" \
        --warmup "$warmup" --runs "$runs" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

n=${#variants[@]}
for ((r = 0; r < rounds; r++)); do
  order=()
  for ((k = 0; k < n; k++)); do order+=("${variants[$(((k + r) % n))]}"); done
  if ((r % 2 == 1)); then
    reversed=(); for ((k = n - 1; k >= 0; k--)); do reversed+=("${order[$k]}"); done; order=("${reversed[@]}")
  fi
  echo "round $((r + 1)): ${order[*]}"
  for v in "${order[@]}"; do
    run_variant "$v" | sed "s/\$/ round=$((r + 1))/" | tee -a "$results"
  done
done

$python - "$results" <<'PY'
import re, statistics, sys
seconds, by_round = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\S+) .*images=(\d+) .*seconds=([0-9.]+) .*round=(\d+)", line)
    if m:
        variant, images, value, round_ = m.group(1), int(m.group(2)), float(m.group(3)), int(m.group(4))
        seconds.setdefault(variant, []).append(value)
        by_round.setdefault(round_, {}).setdefault(variant, []).append(value)
print()
print("| variant | runs | median s | images/s | runs (s) |")
print("|---|---:|---:|---:|---|")
median = {k: statistics.median(v) for k, v in seconds.items()}
for k, v in seconds.items():
    print(f"| {k} | {len(v)} | {median[k]:.3f} | {images / median[k]:.1f} | {' '.join(f'{s:.2f}' for s in v)} |")
print()
for a, b in [("python", "java-sampler"), ("python", "java-raw"), ("java-raw", "java-sampler")]:
    if a in median and b in median:
        rounds = [statistics.median(r[a]) / statistics.median(r[b]) for r in by_round.values() if a in r and b in r]
        print(f"speed {b} / {a} = {median[a] / median[b]:.3f} (ratio of medians); per round "
              f"{' '.join(f'{x:.2f}' for x in rounds)}, median {statistics.median(rounds):.3f}")
PY
echo "load average at the end: $(cat /proc/loadavg)"

#!/usr/bin/env bash
# Every benchmark of the project in one command; raw results in bench/target/results/<UTC time>/.
#
#   bench/run-all.sh [--system-only] [--no-build] [--skip-worker-bench]
#
# System part (P4 and scaling), on its own Kafka, S3 and api (ports 19092/19093/19000/18080, state in
# bench/target/services, so a concurrent local run on the default ports is not disturbed):
#   1. API accept latency, api alone (no worker): open-loop POST /v1/generations at 100 and 500 requests/s,
#      latency from each request's due time (coordinated-omission-correct), HdrHistogram percentiles.
#   2. Throughput through the whole system with the trivial model (models/trivial, 1 DDIM step), for 1, 2 and 4
#      workers: 20 jobs of 200 images submitted over REST, timed to the last COMPLETED event on Kafka.
# Worker part (unless --system-only): P1, the worker end to end (Kafka, sampling, PNG, S3, COMPLETED event)
# against the raw sampling loop on the same batches (reference model), then worker/bench/run-all.sh (sampler
# vs raw loop, unconditional-fraction cost, Python comparison, RSS soak) unless --skip-worker-bench.
#
# Settings (an empty list skips that part): BENCH_RATES ("100 500"), BENCH_LATENCY_SECONDS (30), BENCH_WORKERS
# ("1 2 4"), BENCH_JOBS (20), BENCH_IMAGES (200), BENCH_WORKER_THREADS (1: torch intra-op threads of each
# trivial-model worker), BENCH_API_ENV (extra VAR=value settings for the api, e.g. "GDQ_API_KAFKA_PRODUCERS=4"),
# BENCH_API_JAVA_OPTS and BENCH_WORKER_JAVA_OPTS (e.g. a JFR recording), BENCH_WORKER_OPTS (worker options),
# BENCH_SERVICES_JVM_OPTS (extra JVM flags of the Kafka and S3 servers; default -XX:TieredStopAtLevel=4, the full
# JIT, where services.sh alone stops at C1 for a fast start).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

system_only=0
build=1
worker_bench=1
for arg in "$@"; do
  case "$arg" in
    --system-only) system_only=1 ;;
    --no-build) build=0 ;;
    --skip-worker-bench) worker_bench=0 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-all: unknown option $arg" >&2; exit 2 ;;
  esac
done

rates="${BENCH_RATES-100 500}"
latency_seconds="${BENCH_LATENCY_SECONDS:-30}"
worker_counts="${BENCH_WORKERS-1 2 4}"
jobs="${BENCH_JOBS:-20}"
images="${BENCH_IMAGES:-200}"
worker_threads="${BENCH_WORKER_THREADS:-1}"
worker_java_opts="${BENCH_WORKER_JAVA_OPTS:-}"  # {id} becomes <count>-<index>
results="$root/bench/target/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
log() { echo "run-all: $*" | tee -a "$results/run-all.log" >&2; }

export GDQ_SERVICES_HOME="$root/bench/target/services"
export KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}" KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-19093}"
export S3_PORT="${BENCH_S3_PORT:-19000}" GDQ_REQUESTS_PARTITIONS="${GDQ_REQUESTS_PARTITIONS:-12}"
# the servers' default JVM flags stop at the C1 JIT for a fast start; a benchmark wants their steady-state cost
export GDQ_SERVICES_EXTRA_JVM_OPTIONS="${BENCH_SERVICES_JVM_OPTS--XX:TieredStopAtLevel=4}"
api_port="${BENCH_API_PORT:-18080}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

pids=()
services_started=0
stop_pids() {
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pids "${pids[@]}"
  if [[ $services_started == 1 ]]; then "$root/infra/services.sh" clean >/dev/null 2>&1 || true; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD) (uncommitted: $(git -C "$root" status --short | wc -l) files)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "java: $("$java" -version 2>&1 | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$results/machine.txt"
cat "$results/machine.txt" >&2

if [[ $build == 1 ]]; then
  log "building (mvn -B -q -o install -DskipTests)"
  mvn -B -q -o -f "$root/pom.xml" install -DskipTests >&2
fi
bench_cp="$root/bench/target/gdq-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*"
worker_jar="$(ls "$root"/worker/target/gdq-worker-*.jar | grep -v -e sources -e tests | head -1)"
worker_cp="$worker_jar:$root/worker/target/lib/*"

"$root/infra/services.sh" clean >/dev/null 2>&1 || true
services_started=1
eval "$("$root/infra/services.sh" start | sed -n 's/^[[:space:]]*export /export /p')"
log "Kafka $KAFKA_BOOTSTRAP_SERVERS ($GDQ_REQUESTS_PARTITIONS request partitions), S3 $S3_ENDPOINT"

api_key="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s=bench\n' "$api_key" > "$results/api-keys.properties"
log "starting the api on port $api_port ${BENCH_API_ENV:-}"
env ${BENCH_API_ENV:-} KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" QUARKUS_HTTP_PORT="$api_port" \
  GDQ_S3_ENDPOINT="$S3_ENDPOINT" GDQ_S3_ACCESS_KEY="$S3_ACCESS_KEY" GDQ_S3_SECRET_KEY="$S3_SECRET_KEY" \
  GDQ_S3_BUCKET="$S3_BUCKET" GDQ_MODELS_DIRS="$root/models" GDQ_API_KEYS_FILE="$results/api-keys.properties" \
  "$java" -Xms512m -Xmx1g ${BENCH_API_JAVA_OPTS:-} -jar "$root/api/target/quarkus-app/quarkus-run.jar" \
  > "$results/api.log" 2>&1 &
api_pid=$!
pids+=("$api_pid")
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$api_port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || { tail -20 "$results/api.log" >&2; exit 1; }
  sleep 0.5
done
api="http://127.0.0.1:$api_port"

# CPU seconds (user + system) a process has used so far
cpu_seconds() {
  awk -v tck="$(getconf CLK_TCK)" '{print ($14 + $15) / tck}' "/proc/$1/stat" 2>/dev/null || echo 0
}
# "name=pid ..." -> "name=seconds ..."
cpu_snapshot() {
  local entry out=()
  for entry in "$@"; do out+=("${entry%%=*}=$(cpu_seconds "${entry#*=}")"); done
  echo "${out[@]}"
}
# CPU seconds of each process between two snapshots, per 1,000 images
cpu_report() {
  local before="$1" after="$2" images="$3" entry name line=""
  for entry in $after; do
    name="${entry%%=*}"
    local b; b="$(tr ' ' '\n' <<< "$before" | sed -n "s/^$name=//p")"
    line+="$(awk -v a="${entry#*=}" -v b="$b" -v n="$images" -v name="$name" \
      'BEGIN{printf "%s %.1f s (%.2f s per 1,000 images); ", name, a - b, (a - b) * 1000 / n}')"
  done
  echo "$line"
}
kafka_pid="$(head -1 "$GDQ_SERVICES_HOME/kafka-broker.pid")"
s3_pid="$(head -1 "$GDQ_SERVICES_HOME/s3proxy.pid")"

bench_main() {
  local main="$1"; shift
  "$java" -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$bench_cp" "dev.gdq.bench.$main" "$@"
}

# 1. Accept latency of the api alone.
for rate in $rates; do
  log "accept latency at $rate requests/s for $latency_seconds s (after 10 s of warm-up)"
  bench_main AcceptLatency api="$api" key="$api_key" rate="$rate" seconds="$latency_seconds" warmup=10 \
    label="api-only" out="$results/accept-latency-$rate.txt" | tee -a "$results/run-all.log"
done

# 2. Throughput and scaling with the trivial model.
start_workers() {
  local count="$1"
  worker_pids=()
  for i in $(seq 0 $((count - 1))); do
    "$java" -Xmx1g ${worker_java_opts//\{id\}/$count-$i} -Dai.djl.offline=true \
      -Dai.djl.pytorch.num_threads="$worker_threads" \
      -Dai.djl.pytorch.num_interop_threads=1 -cp "$worker_cp" dev.gdq.worker.cli.WorkerCommand serve \
      --worker-id "bench-$count-$i" --kafka "$KAFKA_BOOTSTRAP_SERVERS" --model "$root/models/trivial" \
      --s3-endpoint "$S3_ENDPOINT" --s3-access-key "$S3_ACCESS_KEY" --s3-secret-key "$S3_SECRET_KEY" \
      --s3-bucket "$S3_BUCKET" --ops-port $((18100 + i)) ${BENCH_WORKER_OPTS:-} \
      > "$results/worker-$count-$i.log" 2>&1 &
    worker_pids+=($!)
    pids+=($!)
  done
  for i in $(seq 0 $((count - 1))); do
    for _ in $(seq 1 120); do
      curl -fsS "http://127.0.0.1:$((18100 + i))/q/health/ready" >/dev/null 2>&1 && break
      kill -0 "${worker_pids[$i]}" 2>/dev/null || { tail -20 "$results/worker-$count-$i.log" >&2; exit 1; }
      sleep 0.5
    done
  done
}
for count in $worker_counts; do
  log "throughput with $count worker(s): warm-up job, then $jobs jobs of $images images"
  start_workers "$count"
  bench_main SystemThroughput api="$api" key="$api_key" kafka="$KAFKA_BOOTSTRAP_SERVERS" jobs=4 images=64 \
    label="warm-up, $count worker(s)" out="$results/throughput-warmup.txt" >/dev/null
  processes=(api="$api_pid" kafka="$kafka_pid" s3="$s3_pid")
  for i in $(seq 0 $((count - 1))); do processes+=(worker-$i="${worker_pids[$i]}"); done
  before="$(cpu_snapshot "${processes[@]}")"
  bench_main SystemThroughput api="$api" key="$api_key" kafka="$KAFKA_BOOTSTRAP_SERVERS" jobs="$jobs" \
    images="$images" label="workers $count" out="$results/throughput.txt" | tee -a "$results/run-all.log"
  echo "workers $count, CPU while measuring: $(cpu_report "$before" "$(cpu_snapshot "${processes[@]}")" \
    $((jobs * images)))" | tee -a "$results/throughput.txt" "$results/run-all.log"
  stop_pids "${worker_pids[@]}"
done

stop_pids "$api_pid"
if [[ $system_only == 1 ]]; then
  log "done; results in $results"
  exit 0
fi

# 3. P1: the worker end to end against the raw sampling loop, on the same Kafka and S3.
log "P1: worker end to end vs raw sampling loop (reference model)"
KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" "$root/worker/bench/run.sh" EndToEndVsRawLoop 2>&1 \
  | grep --line-buffered -v 'WARN ai.djl.util.cuda' | tee "$results/end-to-end-vs-raw.log"
"$root/infra/services.sh" clean >/dev/null 2>&1 || true
services_started=0

if [[ $worker_bench == 1 ]]; then
  log "worker/bench/run-all.sh (logs in worker/target/bench/)"
  "$root/worker/bench/run-all.sh" 2>&1 | tee "$results/worker-bench.log"
fi
log "done; results in $results"

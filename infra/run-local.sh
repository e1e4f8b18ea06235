#!/usr/bin/env bash
# The main job in one command, on real parts: Kafka and S3 (infra/services.sh), the api, N workers with the
# reference model, a bulk job submitted over REST and followed over Server-Sent Events, the images downloaded
# into out/ with a labelled contact sheet and the list of presigned URLs. Stops everything it started on exit,
# Ctrl-C included.
#
#   infra/run-local.sh [--workers N] [--classes a,b,...] [--per-class N] [--sampler NAME] [--steps N]
#                      [--cfg SPEC] [--classifier SPEC] [--seed N] [--out DIR] [--api-port PORT] [--no-build]
#
# Schedules: S | constant:S | linear:FROM:TO | cosine:FROM:TO | power:FROM:TO:K | interval:S:SIGMA_LOW:SIGMA_HIGH
#            | piecewise:P=S,... | explicit:S,S,...   (s = 1 is plain conditional sampling)
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$infra_dir")"

workers=1
classes="t-shirt,trouser,pullover,dress,coat,sandal,shirt,sneaker,bag,ankle-boot"
per_class=4
sampler=ddim
steps=50
cfg="linear:1:5"
classifier=""
seed=""
out="$repo_root/out"
api_port="${GDQ_API_PORT:-8080}"
build=1

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --classes) classes="$2"; shift 2 ;;
    --per-class) per_class="$2"; shift 2 ;;
    --sampler) sampler="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --cfg) cfg="$2"; shift 2 ;;
    --classifier) classifier="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --api-port) api_port="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage ;;
    *) echo "run-local: unknown option $1" >&2; usage ;;
  esac
done
[[ "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "run-local: --workers must be a positive integer, got $workers" >&2; exit 2; }

export GDQ_SERVICES_HOME="${GDQ_SERVICES_HOME:-$repo_root/.services}"
run_dir="$GDQ_SERVICES_HOME/local-run"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_opts=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1)

started_pids=()
started_services=0
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${started_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ $started_services == 1 ]]; then
    "$infra_dir/services.sh" stop >/dev/null 2>&1 || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $build == 1 ]]; then
  echo "run-local: building (mvn -B -q install -DskipTests)" >&2
  mvn -B -q -f "$repo_root/pom.xml" install -DskipTests >&2
fi
api_jar="$repo_root/api/target/quarkus-app/quarkus-run.jar"
worker_jar="$(ls "$repo_root"/worker/target/gdq-worker-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)"
if [[ ! -f "$api_jar" || -z "$worker_jar" || ! -d "$repo_root/worker/target/lib" ]]; then
  echo "run-local: api or worker not built; run without --no-build" >&2
  exit 1
fi
worker_cp="$worker_jar:$repo_root/worker/target/lib/*"

mkdir -p "$run_dir"
if "$infra_dir/services.sh" status >/dev/null 2>&1; then
  echo "run-local: reusing the Kafka and S3 that are already running" >&2
else
  started_services=1
fi
eval "$("$infra_dir/services.sh" start | sed -n 's/^[[:space:]]*export /export /p')"

api_key="local-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s=local\n' "$api_key" > "$run_dir/api-keys.properties"
echo "run-local: starting the api on port $api_port" >&2
KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" QUARKUS_HTTP_PORT="$api_port" \
  GDQ_S3_ENDPOINT="$S3_ENDPOINT" GDQ_S3_ACCESS_KEY="$S3_ACCESS_KEY" GDQ_S3_SECRET_KEY="$S3_SECRET_KEY" \
  GDQ_S3_BUCKET="$S3_BUCKET" GDQ_MODELS_DIRS="$repo_root/models" GDQ_API_KEYS_FILE="$run_dir/api-keys.properties" \
  "$java" -Xmx512m -jar "$api_jar" > "$run_dir/api.log" 2>&1 &
started_pids+=($!)

for i in $(seq 0 $((workers - 1))); do
  echo "run-local: starting worker local-$i" >&2
  S3_SECRET_KEY="$S3_SECRET_KEY" "$java" -Xmx2g "${java_opts[@]}" -cp "$worker_cp" dev.gdq.worker.cli.WorkerCommand serve \
    --worker-id "local-$i" --kafka "$KAFKA_BOOTSTRAP_SERVERS" --model "$repo_root/models/fashion-mnist" \
    --s3-endpoint "$S3_ENDPOINT" --s3-access-key "$S3_ACCESS_KEY" \
    --s3-bucket "$S3_BUCKET" --ops-port 0 > "$run_dir/worker-$i.log" 2>&1 &
  started_pids+=($!)
done

ready=0
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$api_port/q/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "${started_pids[0]}" 2>/dev/null || break
  sleep 0.5
done
if [[ $ready != 1 ]]; then
  echo "run-local: the api did not become ready; last lines of $run_dir/api.log:" >&2
  tail -20 "$run_dir/api.log" >&2
  exit 1
fi

submit=(--api "http://127.0.0.1:$api_port" --key "$api_key" --classes "$classes" --per-class "$per_class"
        --sampler "$sampler" --steps "$steps" --out "$out")
[[ -n "$cfg" ]] && submit+=(--cfg "$cfg")
[[ -n "$classifier" ]] && submit+=(--classifier "$classifier")
[[ -n "$seed" ]] && submit+=(--seed "$seed")
rm -rf "$out"
"$java" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$worker_cp" dev.gdq.worker.cli.WorkerCommand \
  submit "${submit[@]}"
echo "run-local: contact sheet $out/contact-sheet.png, URLs $out/urls.txt, logs in $run_dir" >&2

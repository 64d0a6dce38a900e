#!/usr/bin/env bash
# Start-up time: process start to /readyz = 200, with the model already in the converted cache
# (FROM_TEXT=1: from the text, with an empty cache at every timed start), for each way of running
# wordvec, taken in turn RUNS times so that a slow minute on a shared machine hits all of them alike:
#   fat        java -jar target/wordvec.jar (the README's command), G1 and default flags
#   tuned      what the container image does, on the host: the extracted jar, Spring AOT, the
#              start-up cache made by docker/start-cache.sh (START_CACHE: libraries, the image's
#              default, or full), the image's JAVA_TOOL_OPTIONS; run by TUNED_JAVA
#              (default: the machine's Temurin 25 if there is one, as the image's default base
#              has Java 25; else java on the PATH)
#   container  the image itself (when a Docker engine answers), model and cache mounted; timed
#              from the container's StartedAt
# One start of each first (not counted) fills the caches and the page cache.
#
# Usage: src/test/bench/startup.sh [MODEL.txt]   (default: the seeded 400,000 x 300 synthetic model)
# Env: RUNS (8), BENCH_DATA (../bench-data), PORT (18090), IMAGE (default: build wordvec:startup
#      from the Dockerfile, with BASE_IMAGE and JDK_IMAGE as its build arguments when set), CONTAINER (1; 0 skips it),
#      TUNED_JAVA, START_CACHE (see above; also the image's build argument when IMAGE is unset),
#      FROM_TEXT (0; 1: each timed start parses the text into an empty cache, as a first start does).
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
runs="${RUNS:-8}"; port="${PORT:-18090}"
out="$data/startup-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"

[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
if [ $# -ge 1 ]; then model="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; else
  ./mvnw -B -q test-compile
  model="$(java -cp target/test-classes dev.wordvec.bench.SyntheticModel "$data" | awk '{print $2}')"
fi
echo "model: $model" | tee "$out/config.txt"

# The image's JVM flags, read from the Dockerfile so that "tuned" cannot drift from it.
image_flags="$(sed -n 's/^ARG JAVA_FLAGS="\(.*\)"$/\1/p' Dockerfile)"
[ -n "$image_flags" ] || { echo "no JAVA_FLAGS in the Dockerfile" >&2; exit 1; }
start_cache="${START_CACHE:-libraries}"
echo "image flags: $image_flags" | tee -a "$out/config.txt"

# The probe runs every 20 ms without starting a process: bash's /dev/tcp for the request, a read
# with a timeout on a pipe nobody writes to for the pause. A curl and a sleep per poll (50 process
# starts a second) took about 0.7 CPU-seconds from the two cores the start itself needs, and the
# start measured 0.35 s slower with them (alternating starts, 2026-11-28).
trap '' PIPE  # a dropped connection is a failed probe, not the end of the script
nap_fifo="$(mktemp -u)"; mkfifo "$nap_fifo"; exec 4<>"$nap_fifo"; rm -f "$nap_fifo"
nap() { read -r -t 0.02 -u 4 _ || true; }
ready_once() {  # true when GET /readyz answers 200
  local status=""
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  # Docker's proxy accepts the connection before the container listens, then drops it.
  printf 'GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3 2>/dev/null
  read -r -t 2 _ status _ <&3 2>/dev/null || true
  exec 3>&-
  [ "$status" = 200 ]
}
await_ready() {  # $1: pid or container, $2: log; waits (at most 3 minutes) for /readyz = 200
  local deadline=$((SECONDS + 180))
  until ready_once; do
    if [[ "$1" =~ ^[0-9]+$ ]] && ! kill -0 "$1" 2>/dev/null; then tail -20 "$2" >&2; exit 1; fi
    if [ $SECONDS -gt $deadline ]; then echo "not ready after 3 minutes: $1" >&2; exit 1; fi
    nap
  done
}
args=(--server.port="$port" --wordvec.models.bench.path="$model")
# Where the starts keep the converted model: filled once by the warm-up, or emptied before each
# timed start with FROM_TEXT=1.
cache_dir="$data/cache"
container_cache="$data/container-cache"
empty_caches() {
  [ "${FROM_TEXT:-0}" = 1 ] || return 0
  cache_dir="$out/empty-cache"; rm -rf "$cache_dir"
  container_cache="$out/empty-container-cache"; rm -rf "$container_cache"
  mkdir -p "$container_cache" && chmod 777 "$container_cache"
}

start_fat() {  # prints seconds to ready
  local t0 pid
  t0=$(date +%s.%N)
  java -jar target/wordvec.jar "${args[@]}" --wordvec.cache-dir="$cache_dir" > "$out/fat.log" 2>&1 &
  pid=$!
  await_ready "$pid" "$out/fat.log"
  echo "$(date +%s.%N) - $t0" | bc
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

app="$data/startup-app"
tuned_java="${TUNED_JAVA:-}"
if [ -z "$tuned_java" ]; then
  tuned_java=java
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && tuned_java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
echo "tuned: $("$tuned_java" -version 2>&1 | head -1)" | tee -a "$out/config.txt"
start_tuned() {
  local t0 pid
  t0=$(date +%s.%N)
  # The flags the recording wrote, as the image's entrypoint reads them.
  JAVA_TOOL_OPTIONS="$image_flags" MALLOC_ARENA_MAX=2 "$tuned_java" "@$app/jvm.args" dev.wordvec.WordvecApplication \
    "${args[@]}" --wordvec.cache-dir="$cache_dir" > "$out/tuned.log" 2>&1 &
  pid=$!
  await_ready "$pid" "$out/tuned.log"
  echo "$(date +%s.%N) - $t0" | bc
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

container=0
if [ "${CONTAINER:-1}" = 1 ] && docker info > /dev/null 2>&1; then
  container=1
  image="${IMAGE:-}"
  if [ -z "$image" ]; then
    image=wordvec:startup
    docker build -q ${BASE_IMAGE:+--build-arg BASE_IMAGE="$BASE_IMAGE"} ${JDK_IMAGE:+--build-arg JDK_IMAGE="$JDK_IMAGE"} \
      --build-arg START_CACHE="$start_cache" -t "$image" . > /dev/null
  fi
  mkdir -p "$data/container-cache" && chmod 777 "$data/container-cache"
  echo "image: $image" | tee -a "$out/config.txt"
fi
start_container() {
  local cid t0 t1
  cid=$(docker run -d --read-only --tmpfs /tmp -p "127.0.0.1:$port:8080" \
    -v "$(dirname "$model"):/models:ro" -v "$container_cache:/var/cache/wordvec" \
    -e WORDVEC_MODELS_BENCH_PATH="/models/$(basename "$model")" "$image" 2>> "$out/docker.err")
  await_ready "$cid" /dev/null
  t1=$(date +%s.%N)
  t0=$(date -d "$(docker inspect -f '{{.State.StartedAt}}' "$cid")" +%s.%N)
  docker logs "$cid" > "$out/container.log" 2>&1
  docker rm -f "$cid" > /dev/null
  echo "$t1 - $t0" | bc
}

# Warm-up: converts the model into the caches if needed; records the host's start-up cache.
start_fat > /dev/null
rm -rf "$app"; java -Djarmode=tools -jar target/wordvec-layered.jar extract --destination "$app" \
  --application-filename wordvec.jar > /dev/null
JAVA="$tuned_java" docker/start-cache.sh classpath "$app" > "$app/classpath.txt"
JAVA="$tuned_java" JAVA_TOOL_OPTIONS="$image_flags" TRAINING_PORT="$port" \
  docker/start-cache.sh "$start_cache" "$app" "$app/classpath.txt" docker/start-classes.txt \
  > "$out/record.log" 2>&1 || { cat "$out/record.log" >&2; exit 1; }
start_tuned > /dev/null
[ "$container" = 0 ] || start_container > /dev/null

for i in $(seq 1 "$runs"); do
  empty_caches; echo "fat $(start_fat)" >> "$out/times.txt"
  empty_caches; echo "tuned $(start_tuned)" >> "$out/times.txt"
  [ "$container" = 0 ] || { empty_caches; echo "container $(start_container)" >> "$out/times.txt"; }
  tail -n $((2 + container)) "$out/times.txt" | tr '\n' ' '; echo
done
echo "seconds from process start to /readyz = 200 ($runs starts each):" | tee "$out/summary.txt"
for way in fat tuned container; do
  awk -v w="$way" '$1 == w {print $2}' "$out/times.txt" | sort -n | awk -v w="$way" '
    {v[NR] = $1} END {if (NR) printf "%-10s median %.2f  min %.2f  max %.2f\n", w,
      (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR]}'
done | tee -a "$out/summary.txt"
rm -rf "$out/empty-cache" "$out/empty-container-cache"
echo "results in $out"

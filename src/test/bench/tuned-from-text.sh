#!/usr/bin/env bash
# Process start to /readyz = 200 the image's way on the host (the extracted jar, Spring AOT, the
# start-up cache recorded by docker/start-cache.sh, the Dockerfile's JVM flags, Temurin 25), each
# start parsing a GloVe text into an empty cache, for several builds taken in turn, so that a slow
# minute on a shared machine hits all of them alike. startup.sh times one build this way
# (FROM_TEXT=1); this compares builds.
#
# Usage: src/test/bench/tuned-from-text.sh MODEL.txt JAR [JAR...]   (e.g. a worktree's target/wordvec-layered.jar:
#        Spring Boot's jar, which the image is built from)
# Env: ROUNDS (6), PORT (18097), TUNED_JAVA (default: /usr/lib/jvm/temurin-25-jdk-amd64/bin/java,
#      else java), START_CACHE (libraries, the image's default). Needs curl.
set -euo pipefail
cd "$(dirname "$0")/../../.."
model="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; shift
rounds="${ROUNDS:-6}"; port="${PORT:-18097}"
java="${TUNED_JAVA:-java}"
[ -n "${TUNED_JAVA:-}" ] || { [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; }
flags="$(sed -n 's/^ARG JAVA_FLAGS="\(.*\)"$/\1/p' Dockerfile)"
[ -n "$flags" ] || { echo "no JAVA_FLAGS in the Dockerfile" >&2; exit 1; }
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
source src/test/bench/ready.sh   # seconds_to_ready, median
echo "model: $model; $rounds rounds; $("$java" -version 2>&1 | head -1)"

# Each build extracted and its start-up cache recorded, as the image's build does.
n=0
for jar in "$@"; do
  unzip -l "$jar" BOOT-INF/classpath.idx > /dev/null 2>&1 \
    || { echo "$jar: not Spring Boot's jar (target/wordvec-layered.jar; target/wordvec.jar is flat)" >&2; exit 2; }
  n=$((n + 1)); app="$out/app-$n"; mkdir -p "$out/jar-$n"
  cp "$jar" "$out/jar-$n/wordvec.jar"   # start-cache.sh expects the jar under this name
  java -Djarmode=tools -jar "$out/jar-$n/wordvec.jar" extract --destination "$app" > /dev/null
  JAVA="$java" docker/start-cache.sh classpath "$app" > "$app/classpath.txt"
  JAVA="$java" JAVA_TOOL_OPTIONS="$flags" TRAINING_PORT="$port" docker/start-cache.sh "${START_CACHE:-libraries}" \
    "$app" "$app/classpath.txt" docker/start-classes.txt > "$out/record-$n.log" 2>&1 \
    || { cat "$out/record-$n.log" >&2; exit 1; }
done

for r in $(seq 1 "$rounds"); do
  i=0
  for jar in "$@"; do
    i=$((i + 1)); rm -rf "$out/cache"
    s=$(seconds_to_ready "$port" /readyz "$out/log" env JAVA_TOOL_OPTIONS="$flags" MALLOC_ARENA_MAX=2 "$java" \
      "@$out/app-$i/jvm.args" dev.wordvec.WordvecApplication \
      --server.port="$port" --wordvec.models.bench.path="$model" --wordvec.cache-dir="$out/cache")
    echo "round $r: $jar: ready in $s s"; echo "$s" >> "$out/times-$i"
  done
done
i=0
for jar in "$@"; do
  i=$((i + 1))
  echo "$jar: median $(median < "$out/times-$i") s to ready"
done

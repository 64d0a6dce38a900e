#!/usr/bin/env bash
# Process start to /readyz = 200 when loading a GloVe text with no JVM flags (`java -jar`, an empty
# cache each time), against gensim's `load_word2vec_format(no_header=True)` of the same file, in
# alternating rounds; prints each time (with the page faults, CPU and memory spent by then), the
# medians and the ratio (issue 13's start-up target).
#
# Usage: src/test/bench/start-from-text.sh [MODEL.txt]   (default: the seeded 400,000 x 300 synthetic model)
# Env: ROUNDS (3), JARS (target/wordvec.jar; several, space-separated, to compare builds), PORT (18094),
#      BENCH_DATA (../bench-data). Needs curl and Debian's python3-gensim.
#      The floor under these times, each round too: BUILTIN=1 starts the first jar on its built-in model
#      alone (nothing to parse); FLOOR_JAR=path starts a bare Spring Boot app (../shared/peers/spring-ceiling,
#      built by `mvn -q package` there) and times it to its first answer at FLOOR_PATH (/hello).
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
rounds="${ROUNDS:-3}"; port="${PORT:-18094}"; jars="${JARS:-target/wordvec.jar}"
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
if [ $# -ge 1 ]; then model="$1"; else
  ./mvnw -B -q test-compile
  java -cp target/test-classes dev.wordvec.bench.SyntheticModel "$data" > /dev/null
  model="$data/synthetic-400000x300-seed42.txt"
fi
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT

source src/test/bench/ready.sh   # seconds_to_ready, median

ready() {  # path java-arguments...: seconds from process start to a 200 at localhost:$port/path
  local path="$1"; shift
  rm -rf "$out/cache"
  printf '%.1f' "$(seconds_to_ready "$port" "$path" "$out/log" java "$@" --server.port="$port")"
}
wordvec() {  # jar
  ready /readyz -jar "$1" --wordvec.models.m.path="$model" --wordvec.cache-dir="$out/cache"
}
gensim() {
  /usr/bin/python3 - "$model" <<'PY'
import sys, time
t0 = time.time()
from gensim.models import KeyedVectors
KeyedVectors.load_word2vec_format(sys.argv[1], no_header=True)
print(f"{time.time() - t0:.1f}")
PY
}

echo "model: $model; $rounds rounds; $(nproc) cores"
for r in $(seq "$rounds"); do
  for jar in $jars; do
    s="$(wordvec "$jar")"
    read -r faults user system rss < "$out/log.cost"
    echo "round $r: $jar: ready in $s s ($faults page faults, $user s user and $system s system CPU, $rss MiB resident)"
    echo "$s" >> "$out/$(echo "$jar" | tr / _)"
  done
  if [ "${BUILTIN:-0}" = 1 ]; then
    s="$(ready /readyz -jar "${jars%% *}" --wordvec.cache-dir="$out/cache")"
    echo "round $r: ${jars%% *} on its built-in model alone: ready in $s s"; echo "$s" >> "$out/builtin"
  fi
  if [ -n "${FLOOR_JAR:-}" ]; then
    s="$(ready "${FLOOR_PATH:-/hello}" -jar "$FLOOR_JAR")"
    echo "round $r: bare Spring Boot app: first answer in $s s"; echo "$s" >> "$out/floor"
  fi
  s="$(gensim)"; echo "round $r: gensim: loaded in $s s"; echo "$s" >> "$out/gensim"
done
g="$(median < "$out/gensim")"
echo "gensim load: median $g s"
for jar in $jars; do
  w="$(median < "$out/$(echo "$jar" | tr / _)")"
  awk -v j="$jar" -v w="$w" -v g="$g" 'BEGIN { printf "%s: median %.1f s to ready; gensim / wordvec = %.2fx (target 5x)\n", j, w, g / w }'
done
for floor in builtin floor; do
  [ -f "$out/$floor" ] || continue
  w="$(median < "$out/$floor")"
  awk -v f="$floor" -v w="$w" -v g="$g" 'BEGIN { printf "%s: median %.1f s; gensim / that = %.2fx\n",
    (f == "floor" ? "bare Spring Boot app" : "built-in model alone"), w, g / w }'
done

#!/usr/bin/env bash
# Memory and start-up with no JVM flags, as a user runs the fat jar: `java -jar target/wordvec.jar`
# on a 400,000 x 300 model, first from the GloVe text (empty cache), then from the converted cache;
# resident memory at ready, and 5 s and 30 s after LOAD_SECONDS of mixed traffic (vector, similarity, top-10,
# analogy, sentence vectors; two routes at a time, 16 connections each); then gensim's own text load of the same file, in
# the same run, as the yardstick for start-up.
#
# Usage: src/test/bench/memory.sh [MODEL.txt]   (default: the seeded 400,000 x 300 synthetic model)
# Needs: wrk, curl, Debian's python3-gensim. Env: BENCH_DATA (../bench-data), LOAD_SECONDS (300),
#        PORT (18093), GENSIM (1: time gensim's load too), RUNS ("text cache"), CACHE (a fresh directory),
#        WORDVEC_ARGS (extra service arguments, e.g. "--wordvec.memory.native-mmap-threshold=1048576")
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
seconds="${LOAD_SECONDS:-300}"; port="${PORT:-18093}"
out="$data/memory-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"; cache="${CACHE:-$out/cache}"
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
if [ $# -ge 1 ]; then model="$1"; else
  ./mvnw -B -q test-compile
  java -cp target/test-classes dev.wordvec.bench.SyntheticModel "$data" > /dev/null
  model="$data/synthetic-400000x300-seed42.txt"
fi
echo "model: $model ${WORDVEC_ARGS:-}" | tee "$out/summary.txt"
rss() { awk '/^Rss:/{printf "%.0f", $2/1024}' "/proc/$1/smaps_rollup"; }
lua() { printf 'wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n' "$1" > "$out/$2.lua"; }
lua '{"word1": "king", "word2": "queen"}' similarity
lua '{"positive": ["king", "woman"], "negative": ["man"], "k": 10}' analogy
lua '{"text": "the king and the queen of england went to paris in january"}' sentence

run() {  # label
  local t0 t1 pid
  t0=$(date +%s.%N)
  java -jar target/wordvec.jar --server.port="$port" --wordvec.models.m.path="$model" --wordvec.cache-dir="$cache" \
    ${WORDVEC_ARGS:-} > "$out/wordvec-$1.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/readyz" > /dev/null; do kill -0 "$pid" 2>/dev/null || exit 1; sleep 0.05; done
  t1=$(date +%s.%N)
  sleep 5
  awk -v a="$t0" -v b="$t1" -v l="$1" -v r="$(rss "$pid")" \
    'BEGIN{printf "%s: process start to ready %.1f s; resident 5 s after ready %s MiB\n", l, b-a, r}' | tee -a "$out/summary.txt"
  local each=$((seconds / 4)) b="http://127.0.0.1:$port" w
  pair() {  # two wrk runs side by side for $1 seconds: the next two arguments' targets
    local s="$1"; shift
    wrk -t1 -c16 -d"${s}s" $1 > /dev/null 2>&1 & w=$!
    wrk -t1 -c16 -d"${s}s" $2 > /dev/null 2>&1 || true
    wait "$w" || true
  }
  pair "$each" "$b/vector/king" "-s $out/similarity.lua $b/similarity"
  pair "$each" "$b/neighbors/king?k=10" "-s $out/analogy.lua $b/analogy"
  pair "$each" "-s $out/sentence.lua $b/sentence-vector" "$b/vector/queen"
  pair "$((seconds - 3 * each))" "$b/neighbors/paris?k=10" "$b/vector/paris"
  sleep 5
  echo "$1: resident 5 s after ${seconds} s of mixed load $(rss "$pid") MiB" | tee -a "$out/summary.txt"
  # wordvec.memory.release-when-idle (10 s): G1's periodic collection, then glibc's trim.
  sleep 25
  echo "$1: resident 30 s after the load $(rss "$pid") MiB" | tee -a "$out/summary.txt"
  { grep -E "collected what loading left" "$out/wordvec-$1.log" || true; } | sed "s/.*: Model/Model/" | tee -a "$out/summary.txt"
  kill "$pid"; wait "$pid" || true
}
for r in ${RUNS:-text cache}; do run "$r"; done
if [ "${GENSIM:-1}" = 1 ]; then
  /usr/bin/python3 - "$model" <<'PY' | tee -a "$out/summary.txt"
import sys, time
t0 = time.time()
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.argv[1], no_header=True)
print(f"gensim: import + load_word2vec_format(no_header=True) {time.time() - t0:.1f} s ({len(kv)} words)")
PY
fi
echo "results in $out"

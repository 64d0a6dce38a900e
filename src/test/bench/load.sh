#!/usr/bin/env bash
# HTTP load test of wordvec at 32 connections (wrk), then the same for the peers in ../shared/peers
# (gensim KeyedVectors, and a Flask + gensim service under gunicorn), in the same run, so that the
# figures in docs/benchmarks.md are ratios measured side by side.
#
# Usage: src/test/bench/load.sh [MODEL.txt]   (default: the seeded 400,000 x 300 synthetic model)
# Needs: wrk (and for the peers: python3-gensim python3-flask gunicorn; PEERS=0 skips them).
# Env: BENCH_DATA (default ../bench-data), DURATION (20s), CONNS (32), PORT (18090), PEERS (1),
#      JAVA_OPTS (JVM options for wordvec; default: the small-footprint settings the README
#      recommends for a sidecar).
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
duration="${DURATION:-20s}"; conns="${CONNS:-32}"; port="${PORT:-18090}"
out="$data/load-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"
peers="${PEERS:-1}"; shared="$(cd .. && pwd)/shared/peers"

[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
if [ $# -ge 1 ]; then model="$1"; else
  ./mvnw -B -q test-compile
  model="$(java -cp target/test-classes dev.wordvec.bench.SyntheticModel "$data" | awk '{print $2}')"
fi
echo "model: $model" | tee "$out/config.txt"

lua() {  # a wrk script that POSTs one JSON body
  printf 'wrk.method = "POST"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n' "$1" \
    > "$out/$2.lua"
}
lua '{"word1": "king", "word2": "queen"}' similarity
lua '{"text": "the king and the queen of england went to paris in january"}' sentence
lua '{"positive": ["king", "woman"], "negative": ["man"], "k": 10}' analogy

start_wordvec() {  # $1: label; prints seconds from process start to /readyz = 200
  local t0 t1
  t0=$(date +%s.%N)
  MALLOC_ARENA_MAX=2 java ${JAVA_OPTS:--Xmx256m -XX:MaxDirectMemorySize=2g -XX:+UseSerialGC} -jar target/wordvec.jar --server.port="$port" --wordvec.models.bench.path="$model" \
    --wordvec.cache-dir="$data/cache" > "$out/wordvec-$1.log" 2>&1 &
  wpid=$!
  until curl -sf "localhost:$port/readyz" >/dev/null; do
    kill -0 "$wpid" 2>/dev/null || { tail -20 "$out/wordvec-$1.log"; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v l="$1" 'BEGIN{printf "wordvec ready (%s): %.1f s\n", l, b-a}' | tee -a "$out/config.txt"
}
rss() { awk '/^Rss:/{printf "%.0f", $2/1024}' "/proc/$1/smaps_rollup"; }

rm -rf "$data/cache"
start_wordvec parse; kill "$wpid"; wait "$wpid" || true
start_wordvec cache
echo "wordvec RSS after load: $(rss "$wpid") MiB" | tee -a "$out/config.txt"

run() {  # name, then wrk target arguments; a 15 s warm-up first (the JIT on 2 cores), not reported
  local name="$1"; shift
  wrk -t2 -c"$conns" -d15s --timeout 10s "$@" > /dev/null 2>&1 || true
  wrk -t2 -c"$conns" -d"$duration" --timeout 10s --latency "$@" > "$out/wrk-$name.txt" 2>&1 || true
  awk -v n="$name" '/Requests\/sec/{r=$2} $1=="50%"{p50=$2} $1=="99%"{p99=$2} /Non-2xx|Socket errors/{e=e $0}
    END{printf "%-22s %10s req/s  p50 %8s  p99 %8s  %s\n", n, r, p50, p99, (e == "" ? "" : "errors: " e)}' \
    "$out/wrk-$name.txt" | tee -a "$out/summary.txt"
}
base="http://127.0.0.1:$port"
run wordvec-vector "$base/vector/king"
run wordvec-similarity -s "$out/similarity.lua" "$base/similarity"
run wordvec-neighbors "$base/neighbors/king?k=10"
run wordvec-analogy -s "$out/analogy.lua" "$base/analogy"
run wordvec-sentence -s "$out/sentence.lua" "$base/sentence-vector"
echo "wordvec RSS after load test: $(rss "$wpid") MiB" | tee -a "$out/summary.txt"
kill "$wpid"; wait "$wpid" || true

if [ "$peers" = 1 ]; then
  PYTHON=/usr/bin/python3 OUT="$out/flask" DURATION="$duration" WRK_CONNS="$conns" \
    ENDPOINTS="model similarity most_similar analogy" bash "$shared/run_wrk.sh" "$model" glove | tee "$out/flask.txt"
  /usr/bin/python3 "$shared/gensim_bench.py" --format glove "$model" --label glove --n 100 \
    --save-dir "$data/kv-native" --json "$out/gensim.jsonl" | tee "$out/gensim.txt"
fi
echo "results in $out"

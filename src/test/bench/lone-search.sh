#!/usr/bin/env bash
# A search alone and under load, two service jars alternating: latency (p50) and CPU per request of
# an exact top-10 and an analogy at 1 connection, and CPU per request of top-10s at 32 connections.
# CPU is the server's utime + stime (/proc/PID/stat) around each wrk run, divided by the requests.
#
# Usage: src/test/bench/lone-search.sh BEFORE.jar AFTER.jar [MODEL.txt]
#   (default model: the seeded 400,000 x 300 synthetic one of peers-cpu.sh, in BENCH_DATA)
# Env: BENCH_DATA (../bench-data), ROUNDS (3), PORT (18094), COSMUL (0; 1 adds 3CosMul analogies),
#   DTYPE (float32; float16 or int8: the model's dtype)
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
model="${3:-$data/synthetic-400000x300-seed42.txt}"; port="${PORT:-18094}"; tck=$(getconf CLK_TCK)
if [ ! -f "$model" ]; then ./mvnw -B -q test-compile; java -cp target/test-classes dev.wordvec.bench.SyntheticModel "$data" > /dev/null; fi
out="$(mktemp -d)"
printf 'wrk.method = "POST"\nwrk.body = [[{"positive": ["king", "woman"], "negative": ["man"], "k": 10}]]\nwrk.headers["Content-Type"] = "application/json"\n' > "$out/analogy.lua"
one() { # jar label
  java -jar "$1" --server.port="$port" --wordvec.models.s.path="$model" --wordvec.default-model=s \
    --wordvec.models.s.dtype="${DTYPE:-float32}" --wordvec.cache-dir="$data/cache" > "$out/$2.log" 2>&1 &
  local w=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do kill -0 "$w" || exit 1; sleep 0.3; done
  run() { # connections seconds label wrk-arguments...
    local c=$1 d=$2 l=$3; shift 3
    wrk -t1 -c"$c" -d3s "$@" > /dev/null
    local c0 c1 result n p50
    c0=$(awk '{print $14+$15}' "/proc/$w/stat")
    result=$(wrk -t1 -c"$c" -d"${d}s" --latency "$@")
    c1=$(awk '{print $14+$15}' "/proc/$w/stat")
    n=$(echo "$result" | awk '/requests in/{print $1}'); p50=$(echo "$result" | awk '$1=="50%"{print $2}')
    echo "$l c=$c requests=$n p50=$p50 cpu_ms=$(awk -v c=$((c1-c0)) -v t="$tck" -v n="$n" 'BEGIN{printf "%.1f", c/t*1e3/n}')"
  }
  run 1 10 "$2 top10" "http://127.0.0.1:$port/neighbors/king?k=10"
  run 1 10 "$2 analogy" -s "$out/analogy.lua" "http://127.0.0.1:$port/analogy"
  run 32 15 "$2 top10" "http://127.0.0.1:$port/neighbors/king?k=10"
  if [ "${COSMUL:-0}" = 1 ]; then  # 3CosMul: word2vec-api's most_similar
    local cosmul="http://127.0.0.1:$port/word2vec/most_similar?positive=king&positive=woman&negative=man&topn=10"
    run 1 10 "$2 cosmul" "$cosmul"
    run 32 15 "$2 cosmul" "$cosmul"
  fi
  kill "$w"; wait "$w" 2>/dev/null || true
}
for r in $(seq 1 "${ROUNDS:-3}"); do one "$1" before; one "$2" after; done
rm -rf "$out"

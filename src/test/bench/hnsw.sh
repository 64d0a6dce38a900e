#!/usr/bin/env bash
# The HNSW index against the exact search, in the same run and on the same process: the first
# start (parse, convert, build the graph: its time, size and the memory after), the second start
# (the graph mapped), recall@10 over QUERIES random words, and top-10 throughput and server CPU per
# query at 32 connections, approximate and exact (exact=true) alternately.
#
# Usage: src/test/bench/hnsw.sh [MODEL]   (default: the built-in model)
# Needs: wrk, curl, python3 (standard library only).
# Env: BENCH_DATA (default ../bench-data), DURATION (20s), CONNS (32), PORT (18091), QUERIES (1000),
#      ROUNDS (2: approximate and exact runs alternate), HNSW (extra --wordvec.models.b.hnsw.*=...
#      options, e.g. "--wordvec.models.b.hnsw.ef-search=200"), JAVA_OPTS (none by default).
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
duration="${DURATION:-20s}"; conns="${CONNS:-32}"; port="${PORT:-18091}"; queries="${QUERIES:-1000}"
rounds="${ROUNDS:-2}"
model="$(realpath "${1:-src/main/resources/models/demo-57k-100d.vec.gz}")"
out="$data/hnsw-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"; cache="$out/cache"
tck=$(getconf CLK_TCK)
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
echo "model: $model" | tee "$out/summary.txt"

start() {  # $1: label; starts wordvec with the index, waits for /readyz
  local t0 t1
  t0=$(date +%s.%N)
  java ${JAVA_OPTS:-} -jar target/wordvec.jar --server.port="$port" --wordvec.models.b.path="$model" \
    --wordvec.models.b.index=hnsw ${HNSW:-} --wordvec.cache-dir="$cache" > "$out/wordvec-$1.log" 2>&1 &
  wpid=$!
  until curl -sf "localhost:$port/readyz" >/dev/null; do
    kill -0 "$wpid" 2>/dev/null || { tail -20 "$out/wordvec-$1.log"; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v l="$1" 'BEGIN{printf "%s start to ready: %.1f s\n", l, b-a}' | tee -a "$out/summary.txt"
  grep -E "Built the HNSW|Mapped the HNSW" "$out/wordvec-$1.log" | sed 's/.*-- //' | tee -a "$out/summary.txt"
  echo "$1 RSS at ready: $(awk '/^Rss:/{printf "%.0f", $2/1024}' "/proc/$wpid/smaps_rollup") MiB" | tee -a "$out/summary.txt"
}

start first; kill "$wpid"; wait "$wpid" || true
echo "index file: $(du -m "$cache"/*.hnsw | awk '{print $1}') MB; converted model: $(du -m "$cache"/*.wvc | awk '{print $1}') MB" \
  | tee -a "$out/summary.txt"
start second

# Words to ask: a seeded sample of the vocabulary, uniform over rows (rare words as often as
# common ones), letters and digits only so that they need no escaping in a URL.
python3 - "$port" "$queries" "$out" <<'PY' | tee -a "$out/summary.txt"
import json, random, sys, urllib.request
port, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as r:
        return json.load(r)
size = next(m for m in get("/models")["models"] if m["name"] == "b")["vocabularySize"]
rng = random.Random(42)
words = []
while len(words) < n:
    offset = rng.randrange(size)
    page = get(f"/models/b/words?offset={offset}&limit=1")
    w = page["words"][0]
    if w.isascii() and w.isalnum():
        words.append(w)
open(f"{out}/words.txt", "w").write("\n".join(words) + "\n")
found = asked = 0
for w in words:
    approximate = get(f"/neighbors/{w}?k=10")
    exact = get(f"/neighbors/{w}?k=10&exact=true")
    assert approximate["search"] == "hnsw" and exact["search"] == "exact"
    a = {x["word"] for x in approximate["neighbors"]}
    e = [x["word"] for x in exact["neighbors"]]
    found += sum(1 for x in e if x in a)
    asked += len(e)
print(f"recall@10 over {len(words)} random words: {found / asked:.4f}")
PY

cat > "$out/neighbors.lua" <<LUA
local words = {}
for line in io.lines("$out/words.txt") do words[#words + 1] = line end
local suffix = ""
function init(args) suffix = args[1] or "" end
request = function()
  return wrk.format("GET", "/neighbors/" .. words[math.random(#words)] .. "?k=10" .. suffix)
end
LUA

measure() {  # label, wrk script argument
  local c0 c1 r
  c0=$(awk '{print $14+$15}' "/proc/$wpid/stat")
  r=$(wrk -t2 -c"$conns" -d"$duration" --timeout 10s --latency -s "$out/neighbors.lua" "http://127.0.0.1:$port" -- "$2" \
    | tee "$out/wrk-$1.txt" | awk '/requests in/{n=$1} /Requests\/sec/{r=$2} $1=="50%"{p50=$2} $1=="99%"{p99=$2}
                                  END{print n, r, p50, p99}')
  c1=$(awk '{print $14+$15}' "/proc/$wpid/stat")
  set -- "$1" $r
  echo "$1 requests=$2 rps=$3 p50=$4 p99=$5 cpu_us_per_query=$(awk -v c=$((c1-c0)) -v t="$tck" -v n="$2" 'BEGIN{printf "%.0f", c/t*1e6/n}')" \
    | tee -a "$out/raw.txt"
}
wrk -t2 -c"$conns" -d10s -s "$out/neighbors.lua" "http://127.0.0.1:$port" -- "" > /dev/null 2>&1 || true
wrk -t2 -c"$conns" -d10s -s "$out/neighbors.lua" "http://127.0.0.1:$port" -- "&exact=true" > /dev/null 2>&1 || true
for r in $(seq 1 "$rounds"); do
  measure hnsw ""
  measure exact "&exact=true"
done
echo "RSS after the load: $(awk '/^Rss:/{printf "%.0f", $2/1024}' "/proc/$wpid/smaps_rollup") MiB" | tee -a "$out/summary.txt"
kill "$wpid"; wait "$wpid" || true
python3 - "$out/raw.txt" <<'PY' | tee -a "$out/summary.txt"
import statistics as st, sys
runs = {}
for line in open(sys.argv[1]):
    label, *pairs = line.split()
    for k, v in (p.split("=") for p in pairs):
        runs.setdefault(label, {}).setdefault(k, []).append(v)
med = lambda l, k: st.median(float(v) for v in runs[l][k])
for l in ("hnsw", "exact"):
    print(f"{l}: {med(l, 'rps'):.0f} queries/s, {med(l, 'cpu_us_per_query'):.0f} us CPU per query, "
          f"p50 {runs[l]['p50'][-1]}, p99 {runs[l]['p99'][-1]} (medians of {len(runs[l]['rps'])} runs)")
print(f"hnsw/exact: throughput {med('hnsw', 'rps') / med('exact', 'rps'):.1f}x, "
      f"CPU per query {med('exact', 'cpu_us_per_query') / med('hnsw', 'cpu_us_per_query'):.1f}x less")
PY
echo "results in $out"

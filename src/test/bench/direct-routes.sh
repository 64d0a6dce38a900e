#!/usr/bin/env bash
# CPU per request of the busiest routes with wordvec.http.direct-routes on (the default) and off
# (through Spring MVC's dispatch), the same jar, alternating ROUNDS times; medians per route.
# Routes: GET /vector/king, POST /similarity (two words), POST /sentence-vector and
# POST /v1/embeddings (one 12-word text each), GET /neighbors/king (exact top 10) and POST /analogy
# (king - man + woman, exact top 10). CPU per request is the server's user + system time
# over a wrk run divided by the requests served (steadier than req/s on shared 2-core machines).
#
# Usage: src/test/bench/direct-routes.sh [MODEL.txt]   (default: the seeded 400,000 x 300 synthetic model;
#        BUILTIN=1: the built-in model, where a search costs little beside the framework)
# Needs: wrk, curl, python3. Env: BENCH_DATA (../bench-data), DURATION (15s), CONNS (32), ROUNDS (3),
#   JAR (target/wordvec.jar; another build to compare)
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
duration="${DURATION:-15s}"; conns="${CONNS:-32}"; rounds="${ROUNDS:-3}"; jar="${JAR:-target/wordvec.jar}"
threads=$(( conns < 2 ? conns : 2 ))   # wrk needs a connection per thread
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT   # a failed run leaves no server on the port
out="$data/direct-routes-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"; tck=$(getconf CLK_TCK)
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
if [ "${BUILTIN:-0}" = 1 ]; then text=""; elif [ $# -ge 1 ]; then text="$1"; else
  ./mvnw -B -q test-compile
  java -cp target/test-classes dev.wordvec.bench.SyntheticModel "$data" > /dev/null
  text="$data/synthetic-400000x300-seed42.txt"
fi
echo "model: ${text:-the built-in model}" | tee "$out/summary.txt"
model=$([ -n "$text" ] && echo s || echo demo)
sentence="the king said that the queen would go to the city with her"
post() {  # file, path, body
  printf 'wrk.method = "POST"\nwrk.path = "%s"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n' "$2" "$3" > "$out/$1.lua"
}
post similarity /similarity '{"word1": "king", "word2": "queen"}'
post sentence /sentence-vector "{\"text\": \"$sentence\"}"
post embeddings /v1/embeddings "{\"model\": \"$model\", \"input\": \"$sentence\"}"
post analogy /analogy '{"positive": ["king", "woman"], "negative": ["man"], "k": 10, "exact": true}'

measure() {  # label, route, pid, wrk arguments...
  local label="$1" route="$2" pid="$3"; shift 3
  wrk -t"$threads" -c"$conns" -d8s "$@" > /dev/null 2>&1 || true
  local c0 c1 r
  c0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  r=$(wrk -t"$threads" -c"$conns" -d"$duration" "$@" | awk '/requests in/{print $1} /Requests\/sec/{print $2} /Non-2xx/{print "non2xx"}' | tr '\n' ' ')
  c1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  [[ " $r " == *" non2xx "* ]] && { echo "$label $route: non-2xx answers"; exit 1; }
  set -- $r
  echo "$label $route requests=$1 rps=$2 cpu_us=$(awk -v c=$((c1-c0)) -v t="$tck" -v n="$1" 'BEGIN{printf "%.0f", c/t*1e6/n}')" \
    | tee -a "$out/raw.txt"
}
run() {  # label, direct-routes
  local args=()
  [ -n "$text" ] && args=(--wordvec.models.s.path="$text" --wordvec.default-model=s --wordvec.cache-dir="$data/cache")
  java -jar "$jar" --server.port=18093 "${args[@]}" --wordvec.http.direct-routes="$2" > "$out/$1.log" 2>&1 &
  local w=$! b=http://127.0.0.1:18093
  until curl -fs -o /dev/null "$b/readyz"; do kill -0 "$w" 2>/dev/null || { echo "server died"; exit 1; }; sleep 0.2; done
  measure "$1" vector "$w" "$b/vector/king"
  measure "$1" similarity "$w" -s "$out/similarity.lua" "$b"
  measure "$1" sentence-vector "$w" -s "$out/sentence.lua" "$b"
  measure "$1" embeddings "$w" -s "$out/embeddings.lua" "$b"
  measure "$1" neighbors "$w" "$b/neighbors/king?k=10&exact=true"
  measure "$1" analogy "$w" -s "$out/analogy.lua" "$b"
  kill "$w"; wait "$w" 2>/dev/null || true
}
for r in $(seq 1 "$rounds"); do
  run direct true
  run mvc false
done
python3 - "$out/raw.txt" <<'PY' | tee -a "$out/summary.txt"
import sys, statistics as st, collections
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p = line.split(); kv = dict(x.split('=') for x in p[2:])
    d[(p[0], p[1])].append((float(kv['cpu_us']), float(kv['rps'])))
print(f"{'route':16} {'direct us/req':>14} {'MVC us/req':>11} {'MVC/direct':>10}   (req/s direct, MVC)")
for route in ('vector', 'similarity', 'sentence-vector', 'embeddings', 'neighbors', 'analogy'):
    a = d[('direct', route)]; b = d[('mvc', route)]
    ca, cb = st.median(x[0] for x in a), st.median(x[0] for x in b)
    print(f"{route:16} {ca:14.0f} {cb:11.0f} {cb/ca:10.2f}   ({st.median(x[1] for x in a):.0f}, {st.median(x[1] for x in b):.0f})"
          f"   runs: {[x[0] for x in a]} / {[x[0] for x in b]}")
PY

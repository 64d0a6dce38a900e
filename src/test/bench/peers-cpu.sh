#!/usr/bin/env bash
# Peer ratios as CPU per request, in one run: the Flask + gensim service of ../shared/peers (gunicorn,
# 2 sync workers) against wordvec with no JVM flags (exact search; with HNSW=1 also with an HNSW
# index, which only means something on a model with real structure: see hnsw.sh), on the
# same 400,000 x 300 model and the same questions: a word's vector, a similarity, top-10 nearest
# words, an analogy (and a vector and a similarity through the very URLs the peer answers, wordvec's
# word2vec-api routes). CPU per request is the server's user + system time over a wrk run (all its
# processes and threads: workers, GC, JIT) divided by the requests served; on these shared 2-core
# machines it stays within about 20% while req/s swings 2x. Servers alternate ROUNDS times; medians.
#
# Usage: src/test/bench/peers-cpu.sh [MODEL.txt]   (default: the seeded 400,000 x 300 synthetic model)
# Needs: wrk, curl, python3; Debian's python3-gensim python3-flask gunicorn for the peer.
# Env: BENCH_DATA (../bench-data), DURATION (20s), CONNS (32), ROUNDS (2), HNSW (0)
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
duration="${DURATION:-20s}"; conns="${CONNS:-32}"; rounds="${ROUNDS:-2}"
shared="$(cd .. && pwd)/shared/peers"
out="$data/peers-cpu-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"; tck=$(getconf CLK_TCK)
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
if [ $# -ge 1 ]; then  # absolute: the peer starts in ../shared/peers
  text="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; bin="${text%.txt}.bin"; else
  ./mvnw -B -q test-compile
  java -cp target/test-classes dev.wordvec.bench.SyntheticModel "$data" > /dev/null
  text="$data/synthetic-400000x300-seed42.txt"; bin="$data/synthetic-400000x300-seed42.bin"
fi
echo "model: $text" | tee "$out/summary.txt"
printf 'wrk.method = "POST"\nwrk.body = [[{"word1": "king", "word2": "queen"}]]\nwrk.headers["Content-Type"] = "application/json"\n' > "$out/similarity.lua"
printf 'wrk.method = "POST"\nwrk.body = [[{"positive": ["king", "woman"], "negative": ["man"], "k": 10}]]\nwrk.headers["Content-Type"] = "application/json"\n' > "$out/analogy.lua"

cpu() {  # total utime+stime ticks of a process and its children's threads
  local total=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{print $14+$15}' "/proc/$p/stat"))); done
  echo "$total"
}
measure() {  # server label, route label, pids (quoted), wrk arguments...
  local server="$1" route="$2" pids="$3"; shift 3
  wrk -t2 -c"$conns" -d8s --timeout 20s "$@" > /dev/null 2>&1 || true
  local c0 c1 r
  c0=$(cpu $pids)
  r=$(wrk -t2 -c"$conns" -d"$duration" --timeout 20s "$@" | awk '/requests in/{print $1} /Requests\/sec/{print $2}' | tr '\n' ' ')
  c1=$(cpu $pids)
  set -- $r
  echo "$server $route requests=$1 rps=$2 cpu_us=$(awk -v c=$((c1-c0)) -v t="$tck" -v n="$1" 'BEGIN{printf "%.0f", c/t*1e6/n}')" \
    | tee -a "$out/raw.txt"
}
wait_for() { until curl -fs -o /dev/null "$1"; do kill -0 "$2" 2>/dev/null || { echo "server $2 died"; exit 1; }; sleep 0.2; done; }

flask() {
  ( cd "$shared" && MODEL_PATH="$bin" MODEL_FORMAT=w2v-bin exec /usr/bin/python3 -m gunicorn -w 2 -k sync \
      -b 127.0.0.1:18080 --timeout 900 --log-level warning peer_flask_gensim:app ) > "$out/flask.log" 2>&1 &
  local g=$!
  wait_for "http://127.0.0.1:18080/word2vec/model?word=king" "$g"
  curl -fs "http://127.0.0.1:18080/word2vec/most_similar?positive=king&topn=10" > /dev/null  # every worker
  curl -fs "http://127.0.0.1:18080/word2vec/most_similar?positive=king&topn=10" > /dev/null  # normalises once
  local pids="$g $(pgrep -P "$g" | tr '\n' ' ')"
  local b=http://127.0.0.1:18080/word2vec
  measure flask vector "$pids" "$b/model?word=king"
  measure flask similarity "$pids" "$b/similarity?w1=king&w2=queen"
  measure flask top10 "$pids" "$b/most_similar?positive=king&topn=10"
  measure flask analogy "$pids" "$b/most_similar?positive=king&positive=woman&negative=man&topn=10"
  kill "$g"; wait "$g" 2>/dev/null || true
}
wordvec() {  # label, extra options
  local label="$1"; shift
  java -jar target/wordvec.jar --server.port=18092 --wordvec.models.s.path="$text" --wordvec.default-model=s \
    --wordvec.cache-dir="$data/cache" "$@" > "$out/$label.log" 2>&1 &
  local w=$!
  wait_for "http://127.0.0.1:18092/readyz" "$w"
  local b=http://127.0.0.1:18092
  if [ "$label" = wordvec ]; then
    measure "$label" vector "$w" "$b/vector/king"
    measure "$label" similarity "$w" -s "$out/similarity.lua" "$b/similarity"
    # The peer's own URLs: wordvec serves word2vec-api's routes too.
    measure "$label" vector-w2v "$w" "$b/word2vec/model?word=king"
    measure "$label" similarity-w2v "$w" "$b/word2vec/similarity?w1=king&w2=queen"
  fi
  measure "$label" top10 "$w" "$b/neighbors/king?k=10"
  measure "$label" analogy "$w" -s "$out/analogy.lua" "$b/analogy"
  kill "$w"; wait "$w" 2>/dev/null || true
}
for r in $(seq 1 "$rounds"); do
  flask
  wordvec wordvec
  [ "${HNSW:-0}" = 1 ] && wordvec wordvec-hnsw --wordvec.models.s.index=hnsw
done
python3 - "$out/raw.txt" <<'PY' | tee -a "$out/summary.txt"
import collections, statistics as st, sys
runs = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    server, route, *pairs = line.split()
    for k, v in (p.split("=") for p in pairs):
        runs[(server, route)][k].append(float(v))
med = lambda s, r, k: st.median(runs[(s, r)][k])
print("route        Flask+gensim us/req (req/s)   wordvec us/req (req/s)   ratio   wordvec+hnsw us/req (req/s)   ratio")
for route in ("vector", "similarity", "top10", "analogy"):
    f, w = med("flask", route, "cpu_us"), med("wordvec", route, "cpu_us")
    line = f"{route:12} {f:10.0f} ({med('flask', route, 'rps'):6.0f})        {w:10.0f} ({med('wordvec', route, 'rps'):6.0f})   {f / w:5.1f}x"
    if ("wordvec-hnsw", route) in runs:
        h = med("wordvec-hnsw", route, "cpu_us")
        line += f"   {h:10.0f} ({med('wordvec-hnsw', route, 'rps'):6.0f})        {f / h:6.1f}x"
    print(line)
for route in ("vector", "similarity"):  # the same URL on both: /word2vec/model, /word2vec/similarity
    if ("wordvec", route + "-w2v") in runs:
        f, w = med("flask", route, "cpu_us"), med("wordvec", route + "-w2v", "cpu_us")
        print(f"{route + ', same URL':20} {f:10.0f} ({med('flask', route, 'rps'):6.0f})        "
              f"{w:10.0f} ({med('wordvec', route + '-w2v', 'rps'):6.0f})   {f / w:5.1f}x")
PY
echo "results in $out"

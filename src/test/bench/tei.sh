#!/usr/bin/env bash
# CPU per request of TEI's POST /embed against wordvec's own routes for the same text: POST
# /sentence-vector and POST /v1/embeddings, one 12-word text each, for the built-in contextual model
# (MiniLM, float32) and the built-in word-vector model; ROUNDS rounds, routes alternating in each.
# CPU per request is the server's user + system time over a wrk run divided by the requests served.
# (TEI itself cannot run here: its binaries and images are downloads these machines cannot make.)
#
# Usage: src/test/bench/tei.sh      Needs: wrk, curl.
# Env: DURATION (15s), CONNS (32), ROUNDS (3), JAR (target/wordvec.jar)
set -euo pipefail
cd "$(dirname "$0")/../../.."
duration="${DURATION:-15s}"; conns="${CONNS:-32}"; rounds="${ROUNDS:-3}"; jar="${JAR:-target/wordvec.jar}"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
out="$(mktemp -d)"; tck=$(getconf CLK_TCK)
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
sentence="the king said that the queen would go to the city with her"
post() {  # file, path, body
  printf 'wrk.method = "POST"\nwrk.path = "%s"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n' "$2" "$3" > "$out/$1.lua"
}
for model in minilm demo; do
  post "embed-$model" /embed "{\"model\": \"$model\", \"inputs\": \"$sentence\"}"
  post "sentence-vector-$model" /sentence-vector "{\"model\": \"$model\", \"text\": \"$sentence\"}"
  post "v1-embeddings-$model" /v1/embeddings "{\"model\": \"$model\", \"input\": \"$sentence\"}"
done
java -jar "$jar" --server.port=18094 --wordvec.models.demo.path=classpath:models/demo-57k-100d.vec.gz \
  --wordvec.models.minilm.kind=contextual --wordvec.default-model=demo > "$out/server.log" 2>&1 &
pid=$!; base=http://127.0.0.1:18094
until curl -fs -o /dev/null "$base/readyz"; do kill -0 "$pid" 2>/dev/null || { echo "server died"; exit 1; }; sleep 0.2; done
for round in $(seq "$rounds"); do
  for model in minilm demo; do
    for route in embed sentence-vector v1-embeddings; do
      script="$out/$route-$model.lua"
      wrk -t2 -c"$conns" -d5s -s "$script" "$base" > /dev/null 2>&1 || true
      c0=$(awk '{print $14+$15}' "/proc/$pid/stat")
      r=$(wrk -t2 -c"$conns" -d"$duration" --latency -s "$script" "$base" \
        | awk '/requests in/{print $1} /Requests\/sec/{print $2} /Non-2xx/{print "non2xx"} / 50%/{print $2} / 99%/{print $2}' | tr '\n' ' ')
      c1=$(awk '{print $14+$15}' "/proc/$pid/stat")
      [[ " $r " == *" non2xx "* ]] && { echo "$route $model: non-2xx answers"; exit 1; }
      set -- $r
      echo "round $round $model $route requests=$3 rps=$4 p50=$1 p99=$2 cpu_us=$(awk -v c=$((c1-c0)) -v t="$tck" -v n="$3" 'BEGIN{printf "%.0f", c/t*1e6/n}')"
    done
  done
done | tee "$out/raw.txt"
echo "medians of CPU per request (us):"
for model in minilm demo; do
  for route in embed sentence-vector v1-embeddings; do
    printf '%s %s %s\n' "$model" "$route" "$(grep " $model $route " "$out/raw.txt" | sed 's/.*cpu_us=//' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"
  done
done

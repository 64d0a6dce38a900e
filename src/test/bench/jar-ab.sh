#!/usr/bin/env bash
# CPU per request of two builds of wordvec, alternating ROUNDS times on the built-in model:
# GET /vector/king and POST /similarity (two words), each after a warm-up of both. CPU per
# request is the server's user + system time over a wrk run divided by the requests served
# (steadier than req/s on shared 2-core machines). For a change on the hot path: is it free?
#
# Usage: src/test/bench/jar-ab.sh OLD.jar NEW.jar   (say, a build of the commit before, from a git worktree)
# Needs: wrk, curl. Env: DURATION (10s), CONNS (32), ROUNDS (3), PORT (18310)
set -euo pipefail
old=$1; new=$2
duration="${DURATION:-10s}"; conns="${CONNS:-32}"; rounds="${ROUNDS:-3}"; port="${PORT:-18310}"
tck=$(getconf CLK_TCK); out=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
printf 'wrk.method = "POST"\nwrk.body = [[{"word1": "king", "word2": "queen"}]]\nwrk.headers["Content-Type"] = "application/json"\n' \
  > "$out/similarity.lua"
measure() {  # label, pid, path, [lua]
  local args=(-t2 "-c$conns" "-d$duration"); [ $# -ge 4 ] && args+=(-s "$4")
  local c0 c1 n
  c0=$(awk '{print $14+$15}' "/proc/$2/stat")
  n=$(wrk "${args[@]}" "http://127.0.0.1:$port$3" | awk '/requests in/{print $1}')
  c1=$(awk '{print $14+$15}' "/proc/$2/stat")
  echo "$1 $3 $(awk -v c=$((c1 - c0)) -v t="$tck" -v n="$n" 'BEGIN{printf "%.1f", c/t*1e6/n}')" | tee -a "$out/raw.txt"
}
for round in $(seq 1 "$rounds"); do
  for label in old new; do
    jar=$([ $label = old ] && echo "$old" || echo "$new")
    java -jar "$jar" --server.port="$port" > "$out/$label.log" 2>&1 & pid=$!
    for i in $(seq 1 240); do curl -fs -o /dev/null "localhost:$port/vector/king" && break; sleep 0.25; done
    wrk -t2 "-c$conns" -d8s "http://127.0.0.1:$port/vector/king" > /dev/null
    wrk -t2 "-c$conns" -d8s -s "$out/similarity.lua" "http://127.0.0.1:$port/similarity" > /dev/null
    measure $label $pid /vector/king
    measure $label $pid /similarity "$out/similarity.lua"
    kill $pid; wait $pid 2>/dev/null || true
  done
done
echo "medians, CPU microseconds a request:"
for path in /vector/king /similarity; do
  for label in old new; do
    printf '%s %s ' "$label" "$path"
    awk -v l=$label -v p=$path '$1 == l && $2 == p {print $3}' "$out/raw.txt" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'
  done
done

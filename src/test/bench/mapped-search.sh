#!/usr/bin/env bash
# The exact search's CPU per query on a matrix served mapped from the converted copy that a start
# from the text writes, for one or several builds in alternating rounds: each round starts the
# service from the text with an empty cache, warms it up for 10 s, then measures top 10 of random
# words at 32 connections (`wrk`), printing the server's CPU per query (utime + stime over the run,
# divided by the queries), the resident memory and how much of the file is mapped in 2 MiB pages
# (`FilePmdMapped` in /proc/PID/smaps_rollup: the page cache's 2 MiB folios, docs/benchmarks.md).
#
# Usage: src/test/bench/mapped-search.sh MODEL.txt
# Env: JARS (target/wordvec.jar; several, space-separated), ROUNDS (3), DURATION (20s), PORT (18112),
#      WORDS (5000 random words of the model). Needs wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/../../.."
model="$(realpath "${1:?usage: mapped-search.sh MODEL.txt}")"
jars="${JARS:-target/wordvec.jar}"; rounds="${ROUNDS:-3}"; duration="${DURATION:-20s}"; port="${PORT:-18112}"
out="$(mktemp -d)"; trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$out"' EXIT
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
cut -d' ' -f1 "$model" | shuf -n "${WORDS:-5000}" --random-source=<(yes) > "$out/words.txt"
cat > "$out/neighbors.lua" <<LUA
local words = {}
for line in io.lines("$out/words.txt") do words[#words + 1] = line end
math.randomseed(7)
request = function() return wrk.format("GET", "/neighbors/" .. words[math.random(#words)] .. "?k=10") end
LUA
cpu() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }   # utime + stime, in ticks
tck=$(getconf CLK_TCK)
echo "model: $model; $rounds rounds; $(nproc) cores"
for round in $(seq "$rounds"); do
  for jar in $jars; do
    rm -rf "$out/cache"
    java -jar "$jar" --server.port="$port" --wordvec.models.m.path="$model" --wordvec.cache-dir="$out/cache" \
      > "$out/wordvec.log" 2>&1 &
    pid=$!
    until curl -sf "localhost:$port/readyz" > /dev/null; do
      kill -0 "$pid" 2>/dev/null || { tail -20 "$out/wordvec.log"; exit 1; }
      sleep 0.2
    done
    wrk -t2 -c32 -d10s -s "$out/neighbors.lua" "http://127.0.0.1:$port" > /dev/null
    c0=$(cpu "$pid")
    result=$(wrk -t2 -c32 -d"$duration" -s "$out/neighbors.lua" "http://127.0.0.1:$port")
    c1=$(cpu "$pid")
    n=$(echo "$result" | awk '/requests in/ { print $1 }')
    rate=$(echo "$result" | awk '/Requests\/sec/ { print $2 }')
    awk -v r="$round" -v j="$jar" -v n="$n" -v rate="$rate" -v c="$((c1 - c0))" -v hz="$tck" \
      -v rss="$(awk '/^Rss:/ { print $2 }' "/proc/$pid/smaps_rollup")" \
      -v pmd="$(awk '/^FilePmdMapped:/ { print $2 }' "/proc/$pid/smaps_rollup")" \
      'BEGIN { printf "round %d: %s: %d queries, %s a second, %.0f us of CPU a query, resident %.0f MiB, file mapped in 2 MiB pages %.0f MiB\n",
               r, j, n, rate, c / hz * 1e6 / n, rss / 1024, pmd / 1024 }'
    kill "$pid"; wait "$pid" || true
  done
done

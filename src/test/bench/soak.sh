#!/usr/bin/env bash
# Soak test: minutes of mixed traffic at 32 connections from a second process (wrk) on
# 127.0.0.1, in rounds. Passes when no request failed, the engine's native array count
# (wordvec_engine_arrays, from /actuator/prometheus) is the same after every round as after the
# first, and resident memory grew by no more than RSS_SLACK_MIB from the end of the first round
# to the end of the last. An NDArray left unclosed on any route fails the array check at once;
# a native leak outside DJL shows in RSS.
#
# Usage: src/test/bench/soak.sh [MODEL]   (default: the built-in demo model)
#        src/test/bench/soak.sh minilm    the built-in MiniLM, float32 and quantised, through every
#                                         route that takes a contextual model (no word model:
#                                         RSS is the leak check, as ONNX Runtime's buffers are not
#                                         engine arrays)
# Needs: wrk (apt-get install wrk). Env: ROUNDS (6), ROUND (30s), CONNS (32), PORT (18095),
#        RSS_SLACK_MIB (48), JAVA_OPTS (default: the sidecar settings from the README),
#        JAVA (default: java on the PATH; the image runs Java 25, add --enable-native-access=ALL-UNNAMED there),
#        WARMUP (0): rounds run first and not judged. The allocator keeps the buffers of the largest
#        batches it has seen, which on a 400,000-word model is some 50 MiB more after the first
#        rounds than after round 1 and then levels off; WARMUP=2 judges only what follows.
# Exit status 0 when it passed; the figures are printed, and kept in $OUT (default /tmp).
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds="${ROUNDS:-6}"; round="${ROUND:-30s}"; conns="${CONNS:-32}"; port="${PORT:-18095}"
slack="${RSS_SLACK_MIB:-48}"
out="${OUT:-/tmp}/soak-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"
command -v wrk >/dev/null || { echo "soak.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests

args=(--server.port="$port")
contextual=false
if [ "${1:-}" = minilm ]; then
  contextual=true
  args+=(--wordvec.models.minilm.kind=contextual --wordvec.models.minilmq.kind=contextual
         --wordvec.models.minilmq.quantized=true --wordvec.default-model=minilm)
elif [ $# -ge 1 ]; then
  args+=(--wordvec.models.soak.path="$1")
fi
MALLOC_ARENA_MAX=2 "${JAVA:-java}" ${JAVA_OPTS:--Xmx256m -XX:MaxDirectMemorySize=2g -XX:+UseSerialGC} \
  -jar target/wordvec.jar "${args[@]}" > "$out/wordvec.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "localhost:$port/readyz" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { tail -20 "$out/wordvec.log"; exit 1; }
  sleep 0.2
done

# What both mixes share: a POST with a JSON body, and the line each round's result is read from.
cat > "$out/mixed.lua" <<'LUA'
local function post(path, body)
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d  non-2xx %d  socket errors %d\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
LUA
if $contextual; then
cat >> "$out/mixed.lua" <<'LUA'
-- Cycles through every route that takes a contextual model, with texts of 3 to 12 words (so
-- batches pad texts of unlike lengths), on the float32 model and its quantised twin.
local words = {"river", "bank", "money", "account", "the", "a", "music", "guitar", "plays", "king",
  "queen", "city", "water", "deposit", "boat", "walk"}
local n = 0
local function text()
  local t = {}
  for _ = 1, math.random(3, 12) do t[#t + 1] = words[math.random(#words)] end
  return table.concat(t, " ")
end
request = function()
  n = n + 1
  local k = n % 6
  if k == 0 then return post("/v1/embeddings", '{"model":"minilm","input":["' .. text() .. '","' .. text() .. '"]}')
  elseif k == 1 then return post("/token-vectors", '{"model":"minilm","text":"' .. text() .. '"}')
  elseif k == 2 then return post("/similarity", '{"model":"minilm","text1":"' .. text() .. '","text2":"' .. text() .. '"}')
  elseif k == 3 then return post("/embed", '{"inputs":["' .. text() .. '"]}')
  elseif k == 4 then return post("/sentence-vector", '{"model":"minilmq","texts":["' .. text() .. '"]}')
  else return post("/v1/embeddings", '{"model":"minilmq","input":"' .. text() .. '"}') end
end
LUA
else
# Words from the model itself, so that every request can succeed.
model=$(curl -sf "localhost:$port/models" | sed 's/.*"defaultModel":"\([^"]*\)".*/\1/')
words=$(curl -sf "localhost:$port/models/$model/words?limit=200" | sed 's/.*"words":\[\(.*\)\].*/\1/')
cat >> "$out/mixed.lua" <<LUA
-- Cycles through every kind of query, with words drawn from the model's 200 most frequent.
local words = {$words}
local n = 0
local function w() return words[math.random(#words)] end
local function json(s) return s:gsub('\\\\', '\\\\\\\\'):gsub('"', '\\\\"') end
request = function()
  n = n + 1
  local k = n % 8
  if k == 0 then return wrk.format("GET", "/vector/" .. w():gsub("[^%w]", function(c) return string.format("%%%02X", c:byte()) end))
  elseif k == 1 then return post("/similarity", '{"word1":"' .. json(w()) .. '","word2":"' .. json(w()) .. '"}')
  elseif k == 2 then return post("/neighbors", '{"word":"' .. json(w()) .. '","k":10}')
  elseif k == 3 then return post("/analogy", '{"positive":["' .. json(w()) .. '","' .. json(w()) .. '"],"negative":["' .. json(w()) .. '"]}')
  elseif k == 4 then return post("/sentence-vector", '{"texts":["' .. json(w()) .. ' ' .. json(w()) .. ' ' .. json(w()) .. '"],"weighting":"sif"}')
  elseif k == 5 then return post("/similarity", '{"text1":"' .. json(w()) .. ' ' .. json(w()) .. '","text2":"' .. json(w()) .. '"}')
  elseif k == 6 then return post("/doesnt-match", '{"words":["' .. json(w()) .. '","' .. json(w()) .. '","' .. json(w()) .. '"]}')
  else return post("/v1/embeddings", '{"model":"$model","input":["' .. json(w()) .. ' ' .. json(w()) .. '"]}') end
end
LUA
fi

metric() { curl -sf "localhost:$port/actuator/prometheus" | awk -v m="$1" '$1 ~ "^"m"[{ ]" || $1 == m {s += $2} END {printf "%.0f", s}'; }
# Requests that wrk abandoned when its round ended may still hold their arrays for a moment: the
# count is read once it has stopped changing, so a round is judged by what stays, not by timing.
settled() {
  local last="" value
  for _ in $(seq 20); do
    sleep 0.3; value=$(metric "$1")
    [ "$value" = "$last" ] && break
    last=$value
  done
  echo "$value"
}
rss() { awk '/^Rss:/{printf "%.0f", $2/1024}' "/proc/$pid/smaps_rollup"; }

for _ in $(seq "${WARMUP:-0}"); do
  wrk -t2 -c"$conns" -d"$round" --timeout 10s -s "$out/mixed.lua" "http://127.0.0.1:$port" > /dev/null
done

failed=0
printf "%-6s %10s %8s %8s %10s %8s\n" round requests non2xx socket arrays rss_mib | tee "$out/summary.txt"
for i in $(seq "$rounds"); do
  line=$(wrk -t2 -c"$conns" -d"$round" --timeout 10s -s "$out/mixed.lua" "http://127.0.0.1:$port" | tail -1)
  read -r _ requests _ non2xx _ _ sockets <<< "$line"
  arrays=$(settled wordvec_engine_arrays); mib=$(rss)
  printf "%-6s %10s %8s %8s %10s %8s\n" "$i" "$requests" "$non2xx" "$sockets" "$arrays" "$mib" | tee -a "$out/summary.txt"
  [ "$non2xx" = 0 ] && [ "$sockets" = 0 ] || failed=1
  if [ "$i" = 1 ]; then arrays1=$arrays; rss1=$mib; fi
  [ "$arrays" = "$arrays1" ] || failed=1
done
growth=$((mib - rss1))
echo "RSS from round 1 to round $rounds: ${rss1} -> ${mib} MiB (+${growth}; allowed +${slack})" | tee -a "$out/summary.txt"
[ "$growth" -le "$slack" ] || failed=1
if [ "$failed" = 0 ]; then echo "PASSED (results in $out)"; else echo "FAILED (results in $out)"; fi
exit "$failed"

#!/usr/bin/env bash
# Does a search keep its answer under load when its neighbours tie? The built-in model with 30 copies
# of queen's vector added (queen_1 ... queen_30, after the last row); for each jar given:
# GET /neighbors/queen?k=K&exact=true once alone, then 100 times while wrk asks exact top-Ks of 15
# other words; prints the forms the 100 answers took (and how many equal the one alone), the copies'
# order alone, and the service's CPU per request during the load. Needs wrk and GNU awk/bc.
#   src/test/bench/ties-under-load.sh BEFORE.jar AFTER.jar      # K=40 (all copies) by default; K=10 cuts them
set -euo pipefail
jars=()
for jar in "$@"; do jars+=("$(realpath "$jar")"); done
cd "$(dirname "$0")/../../.."
k="${K:-40}"
port="${PORT:-18098}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
model="$work/dup.vec"
zcat src/main/resources/models/demo-57k-100d.vec.gz > "$work/demo.vec"
queen="$(grep -m1 '^queen ' "$work/demo.vec" | cut -d' ' -f2-)"
read -r rows dims < <(head -1 "$work/demo.vec")
{
  echo "$((rows + 30)) $dims"
  tail -n +2 "$work/demo.vec"
  for i in $(seq 30); do echo "queen_$i $queen"; done
} > "$model"
cat > "$work/others.lua" <<EOF
local words = {"man","woman","prince","princess","king","royal","throne","crown","duke","lady","castle","empire","emperor","palace","knight"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/neighbors/" .. words[(n % #words) + 1] .. "?k=$k&exact=true")
end
EOF
url="http://127.0.0.1:$port/neighbors/queen?k=$k&exact=true"
for jar in "${jars[@]}"; do
  # From the scratch directory, so that no application.yaml of the caller's is read.
  (cd "$work" && exec java -jar "$jar" --server.port="$port" --wordvec.models.dup.path="$model" \
    > "$work/service.log" 2>&1) &
  pid=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null && break; sleep 1; done
  alone="$(curl -s "$url" | md5sum | cut -c1-12)"
  order="$(curl -s "$url" | grep -o '"word":"queen_[0-9]*"' | head -6 | cut -d'"' -f4 | tr '\n' ' ')"
  wrk -t2 -c32 -d5s -s "$work/others.lua" "http://127.0.0.1:$port" > /dev/null   # warm-up
  before="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  wrk -t2 -c32 -d20s -s "$work/others.lua" "http://127.0.0.1:$port" > "$work/wrk.txt" &
  sleep 2
  for _ in $(seq 100); do curl -s "$url" | md5sum | cut -c1-12; done > "$work/forms.txt"
  wait $!
  after="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  requests="$(awk '/requests in/ {print $1}' "$work/wrk.txt")"
  echo "$jar (k=$k): alone $alone, order alone: $order"
  echo "  under load: $(sort "$work/forms.txt" | uniq | wc -l) forms, $(grep -c "$alone" "$work/forms.txt" || true) of 100 as alone;" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") requests/s," \
    "$(echo "scale=3; ($after - $before) * 1000 / 100 / ($requests + 100)" | bc) ms CPU a request"
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
done

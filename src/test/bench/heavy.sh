#!/usr/bin/env bash
# Heavy routes beside the hot path: GET /vector/king at 32 connections, alone and while 16
# connections ask /word-movers-ranking (32 documents of 80 words, k=5, the built-in model), with
# wordvec.http.heavy-requests at each value of LIMITS (1000 = no gate; 0 = one per processor, the
# default; 1). Also the ranking alone at 16 connections, to show what the gate costs it.
#
# Usage: src/test/bench/heavy.sh   Env: LIMITS ("1000 0 1"), ROUNDS (2), DURATION (15s)
# Needs: curl, wrk, /usr/bin/python3 (to write the bodies).
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
out=target/bench-heavy
mkdir -p $out
/usr/bin/python3 - "$out/bodies.txt" <<'PY'
import json, random, re, sys
words = re.findall(r"[a-z]+", open("/usr/share/common-licenses/GPL-3").read().lower())
rng = random.Random(7)
with open(sys.argv[1], "w") as f:
    for _ in range(50):
        text = " ".join(rng.choice(words) for _ in range(20))
        docs = [" ".join(rng.choice(words) for _ in range(80)) for _ in range(32)]
        f.write(json.dumps({"text": text, "documents": docs, "k": 5}) + "\n")
PY
port=18091
url=http://127.0.0.1:$port
duration=${DURATION:-15s}
summary() { grep -E "Requests/sec|^ +99%" "$1" | awk '{printf "%s %s  ", $1, $2} END {print ""}'; }
for round in $(seq "${ROUNDS:-2}"); do
  for limit in ${LIMITS:-1000 0 1}; do
    java -jar target/wordvec.jar --server.port=$port --wordvec.http.heavy-requests=$limit > $out/service.log 2>&1 &
    pid=$!
    until curl -fs -o /dev/null $url/readyz; do kill -0 $pid || exit 1; sleep 0.2; done
    wrk -t1 -c32 -d5s $url/vector/king > /dev/null
    WRK_PATH=/word-movers-ranking WRK_BODIES=$out/bodies.txt wrk -t1 -c16 -d5s --timeout 60s \
      -s src/test/bench/bodies.lua $url > /dev/null
    wrk -t1 -c32 -d$duration --latency $url/vector/king > $out/alone.txt
    WRK_PATH=/word-movers-ranking WRK_BODIES=$out/bodies.txt wrk -t1 -c16 -d$duration --latency --timeout 60s \
      -s src/test/bench/bodies.lua $url > $out/wmd-alone.txt
    secs=${duration%s}
    WRK_PATH=/word-movers-ranking WRK_BODIES=$out/bodies.txt wrk -t1 -c16 -d$((secs + 6))s --latency --timeout 60s \
      -s src/test/bench/bodies.lua $url > $out/wmd-beside.txt &
    heavy=$!
    sleep 3
    wrk -t1 -c32 -d$duration --latency $url/vector/king > $out/beside.txt
    wait $heavy
    echo "round $round, heavy-requests=$limit"
    echo "  /vector alone:        $(summary $out/alone.txt)"
    echo "  /vector beside WMD:   $(summary $out/beside.txt)"
    echo "  WMD ranking alone:    $(summary $out/wmd-alone.txt)"
    echo "  WMD beside /vector:   $(summary $out/wmd-beside.txt)$(grep -E 'Non-2xx' $out/wmd-beside.txt || true)"
    kill $pid; wait $pid 2>/dev/null || true
  done
done

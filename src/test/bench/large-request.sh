#!/usr/bin/env bash
# One large contextual request and the memory it leaves: POST /v1/embeddings with 2,048 texts of
# 150 words (each cut at MiniLM's 128 tokens), the service with the demo model and MiniLM; resident
# memory at ready and after the request, its status and time. Run with no JVM flags, then -Xmx256m.
#
# Usage: src/test/bench/large-request.sh   Env: HEAPS ("none 256m")
# Needs: curl, /usr/bin/python3 (to write the body).
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
out=target/bench-large-request
mkdir -p $out
/usr/bin/python3 - "$out/body.json" <<'PY'
import json, random, re, sys
words = re.findall(r"[a-z]+", open("/usr/share/common-licenses/GPL-3").read().lower())
rng = random.Random(3)
texts = [" ".join(rng.choice(words) for _ in range(150)) for _ in range(2048)]
json.dump({"model": "minilm", "input": texts}, open(sys.argv[1], "w"))
PY
port=18092
for heap in ${HEAPS:-none 256m}; do
  flags=()
  [ "$heap" = none ] || flags=("-Xmx$heap")
  java "${flags[@]}" -jar target/wordvec.jar --server.port=$port --wordvec.models.minilm.kind=contextual \
    > $out/service.log 2>&1 &
  pid=$!
  until curl -fs -o /dev/null http://127.0.0.1:$port/readyz; do kill -0 $pid || exit 1; sleep 0.5; done
  ready=$(ps -o rss= -p $pid)
  answer=$(curl -s -o /dev/null -m 300 -w "%{http_code} in %{time_total} s" -H 'Content-Type: application/json' \
    --data-binary @$out/body.json http://127.0.0.1:$port/v1/embeddings || echo "no answer")
  after=$(ps -o rss= -p $pid)
  echo "heap $heap: ready $((ready / 1024)) MiB, after the request $((after / 1024)) MiB, answer $answer," \
    "OutOfMemoryError in the log: $(grep -c OutOfMemoryError $out/service.log || true)"
  kill $pid; wait $pid 2>/dev/null || true
done

#!/usr/bin/env bash
# Large requests and the memory they leave: POST /v1/embeddings with 2,048 texts of 150 words
# (each cut at MiniLM's 128 tokens), CONCURRENT of them at once, to MODEL (minilm, or demo: the
# built-in word vectors), the service with both; resident memory at ready and after the requests,
# their statuses and times, and whether the process lived through them. Run with no JVM flags, then
# -Xmx256m; JAVA_TOOL_OPTIONS=-XX:+ExitOnOutOfMemoryError ends it on a full heap, as the image does.
#
# Usage: src/test/bench/large-request.sh
# Env: HEAPS ("none 256m"), CONCURRENT (1), MODEL (minilm), JAR (target/wordvec.jar)
# Needs: curl, /usr/bin/python3 (to write the body).
set -euo pipefail
cd "$(dirname "$0")/../../.."
jar=${JAR:-target/wordvec.jar}
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
out=target/bench-large-request
mkdir -p $out
/usr/bin/python3 - "$out/body.json" "${MODEL:-minilm}" <<'PY'
import json, random, re, sys
words = re.findall(r"[a-z]+", open("/usr/share/common-licenses/GPL-3").read().lower())
rng = random.Random(3)
texts = [" ".join(rng.choice(words) for _ in range(150)) for _ in range(2048)]
json.dump({"model": sys.argv[2], "input": texts}, open(sys.argv[1], "w"))
PY
port=18092
if curl -fs -o /dev/null http://127.0.0.1:$port/readyz; then
  echo "port $port is taken (a service left from an earlier run?)" >&2
  exit 1
fi
for heap in ${HEAPS:-none 256m}; do
  flags=()
  [ "$heap" = none ] || flags=("-Xmx$heap")
  java "${flags[@]}" -jar "$jar" --server.port=$port --wordvec.models.minilm.kind=contextual \
    --wordvec.models.demo.path=classpath:models/demo-57k-100d.vec.gz --wordvec.default-model=minilm \
    > $out/service.log 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  until curl -fs -o /dev/null http://127.0.0.1:$port/readyz; do kill -0 $pid || exit 1; sleep 0.5; done
  ready=$(ps -o rss= -p $pid)
  clients=()
  for i in $(seq 1 "${CONCURRENT:-1}"); do
    curl -s -o /dev/null -m 1200 -w "%{http_code} in %{time_total} s\n" -H 'Expect:' -H 'Content-Type: application/json' \
      --data-binary @$out/body.json http://127.0.0.1:$port/v1/embeddings > $out/answer-$i.txt &
    clients+=($!)
  done
  wait "${clients[@]}" || true
  answers=$(cut -d' ' -f1 $out/answer-*.txt | sort | uniq -c | awk '{printf "%s%s x %s", (NR > 1 ? ", " : ""), $1, $2}')
  slowest=$(cut -d' ' -f3 $out/answer-*.txt | sort -n | tail -1)
  if kill -0 $pid 2>/dev/null; then
    after="after the requests $(($(ps -o rss= -p $pid) / 1024)) MiB"
  else
    after="the process ended: $(grep -a -m1 -E 'panicked|SIGSEGV|fatal|Terminating due to' $out/service.log || echo 'see the log')"
  fi
  echo "${MODEL:-minilm}, heap $heap, ${CONCURRENT:-1} at once: ready $((ready / 1024)) MiB, $after; answers $answers (000: none), the last in $slowest s;" \
    "OutOfMemoryError in the log: $(grep -c java.lang.OutOfMemoryError $out/service.log || true)"
  rm -f $out/answer-*.txt
  kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
done

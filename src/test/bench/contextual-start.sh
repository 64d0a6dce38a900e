#!/usr/bin/env bash
# One start of the service with only a contextual model (quantised MiniLM from the jar), to ready
# and one embedding, then stopped: a command for farm-bench, which times it as a whole process.
#   farm-bench -n 8 --timeout 400 --vs 'src/test/bench/contextual-start.sh OLD.jar 18099' \
#     -- src/test/bench/contextual-start.sh target/wordvec.jar 18098
# TMPDIR=DIR runs it with java.io.tmpdir=DIR (a noexec mount, to see where natives are loaded from).
# Usage: src/test/bench/contextual-start.sh JAR PORT   (the service's log: /tmp/contextual-start.PORT.log)
set -u
jar="$(realpath "$1")"; port="$2"
java ${TMPDIR:+-Djava.io.tmpdir="$TMPDIR"} -jar "$jar" --server.port="$port" --wordvec.default-model=mini \
  --wordvec.models.mini.kind=contextual --wordvec.models.mini.quantized=true > "/tmp/contextual-start.$port.log" 2>&1 &
pid=$!
until curl -sf "localhost:$port/actuator/health/readiness" > /dev/null; do
  kill -0 "$pid" 2>/dev/null || exit 1
  sleep 0.03
done
curl -sf "localhost:$port/v1/embeddings" -H 'Content-Type: application/json' \
  -d '{"model": "mini", "input": "hello"}' > /dev/null || { kill "$pid"; exit 2; }
kill "$pid"; wait "$pid"
exit 0

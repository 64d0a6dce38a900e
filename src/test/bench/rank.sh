#!/usr/bin/env bash
# gensim's rank(word, other) against "rank": true on POST /similarity: CPU per request for one word
# and five others over the whole vocabulary (wordvec: the server's utime+stime over sequential
# requests; gensim: process time of five rank() calls in process), then whether the ranks agree.
#
# Usage: src/test/bench/rank.sh [MODEL]   (default ../bench-data/synthetic-400000x300-seed42.txt, GloVe text)
# Needs: curl, Debian's python3-gensim. Env: QUERIES (50), ROUNDS (2)
set -euo pipefail
cd "$(dirname "$0")/../../.."
model="${1:-../bench-data/synthetic-400000x300-seed42.txt}"
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
java -jar target/wordvec.jar --server.port=18091 --wordvec.models.m.path="$model" > target/rank-bench.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs -o /dev/null http://127.0.0.1:18091/readyz; do kill -0 $pid || exit 1; sleep 0.5; done
/usr/bin/python3 - "$model" $pid "${QUERIES:-50}" "${ROUNDS:-2}" <<'PY'
import json, os, sys, time, urllib.request
from gensim.models import KeyedVectors
model, pid, queries, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(model, encoding="utf-8") as f:
    words = [next(f).split(" ", 1)[0] for _ in range(queries + 30)]
others = words[:5]

def ask(word):
    body = json.dumps({"word": word, "others": others, "rank": True}).encode()
    request = urllib.request.Request("http://127.0.0.1:18091/similarity", data=body,
                                     headers={"Content-Type": "application/json"})
    return [s["rank"] for s in json.load(urllib.request.urlopen(request))["similarities"]]

def cpu():
    fields = open(f"/proc/{pid}/stat").read().split(")")[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

for word in words[:20]:
    ask(word)
ours = {}
for r in range(rounds):
    before, started = cpu(), time.time()
    for word in words[30:30 + queries]:
        ours[word] = ask(word)
    print(f"wordvec round {r + 1}: {(cpu() - before) / queries * 1000:.1f} ms CPU per request, "
          f"{(time.time() - started) / queries * 1000:.1f} ms wall")
with open(model, encoding="utf-8") as f:
    glove = len(f.readline().split()) > 2  # GloVe has no "count dimension" header
kv = KeyedVectors.load_word2vec_format(model, no_header=glove)
started = time.process_time()
theirs = {word: [kv.rank(word, o) for o in others] for word in words[30:30 + queries]}
print(f"gensim: {(time.process_time() - started) / queries * 1000:.1f} ms CPU per word (five rank calls)")
gaps = [abs(a - b) for w in theirs for a, b in zip(ours[w], theirs[w])]
print(f"ranks that differ: {sum(g > 0 for g in gaps)} of {len(gaps)}, by at most {max(gaps)}")
# A rank can differ only where other words' float32 distances lie within rounding of the threshold.
import numpy as np
near = []
for w in theirs:
    d = kv.distances(w)
    for o in others:
        near.append(int((np.abs(d - d[kv.get_index(o)]) <= 1e-6).sum()) - 1)
print(f"words within 1e-6 of the threshold: median {int(np.median(near))}, largest {max(near)}")
PY

#!/usr/bin/env bash
# Word Mover's Distance against gensim's wmdistance on the built-in model: CPU per pair of documents
# (sentences and paragraphs of a corpus), and the largest difference between the answers.
#
# Usage: src/test/bench/wmd.sh [CORPUS]   (default ../bench-data/real/corpus.txt, one sentence a line)
# Needs: curl, wrk, Debian's python3-gensim, python3-pyemd and python3-scipy. Env: PAIRS (200), ROUNDS (2),
# DURATION (15s) and CONNS (32) for wrk
set -euo pipefail
cd "$(dirname "$0")/../../.."
corpus="${1:-../bench-data/real/corpus.txt}"
model=src/main/resources/models/demo-57k-100d.vec.gz
[ -f target/wordvec.jar ] || ./mvnw -B -q package -DskipTests
java -jar target/wordvec.jar --server.port=18090 > target/wmd-bench.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -fs -o /dev/null http://127.0.0.1:18090/readyz; do kill -0 $pid || exit 1; sleep 0.2; done
for round in $(seq "${ROUNDS:-2}"); do
  echo "round $round"
  OUT=target /usr/bin/python3 src/test/bench/wmd_bench.py http://127.0.0.1:18090 $pid "$model" "$corpus"
done

#!/usr/bin/env bash
# A 400,000 x 300 model with the structure of real word vectors, for the HNSW benchmark (random
# vectors are a poor test of approximate search: every point is about as far from every other).
# Made only from what these machines reach: the 11.3 million-token English corpus of
# ../shared/data/build-demo-model.sh (Debian and npm packages), Debian's fastText 0.9.2
# (skip-gram, 300 dimensions, every word kept), then fastText's vectors for
#   - every corpus word (226,508 words), most frequent first, and
#   - the corpus's most frequent word pairs joined by '_' (as word2vec's phrases, "new_york"),
#     up to 400,000 rows in all: fastText answers these from their character n-grams.
# Output: $BENCH_DATA/real/real-400k-300d.txt (word2vec text format, with a header).
#
# Usage: src/test/bench/real-model.sh   (about 40 minutes on 2 cores, most of it fastText)
# Env: BENCH_DATA (default ../bench-data), ROWS (400000), DIM (300), EPOCH (5)
set -euo pipefail
cd "$(dirname "$0")/../../.."
data="$(mkdir -p "${BENCH_DATA:-../bench-data}" && cd "${BENCH_DATA:-../bench-data}" && pwd)"
rows="${ROWS:-400000}"; dim="${DIM:-300}"; epoch="${EPOCH:-5}"
work="$data/real"; shared="$(cd .. && pwd)/shared/data"
[ -f "$work/corpus.txt" ] || SKIP_TRAIN=1 BENCH_DATA="$data" bash "$shared/build-demo-model.sh" "$work"
cd "$work"
[ -f "model$dim.bin" ] && [ -s "model$dim.bin" ] || \
  fasttext skipgram -input corpus.txt -output "model$dim" -dim "$dim" -minCount 1 -epoch "$epoch" -thread 2
python3 - "$rows" "model$dim.vec" > words.txt <<'PY'
import collections, sys
rows, vec = int(sys.argv[1]), sys.argv[2]
with open(vec, encoding="utf-8") as f:
    next(f)
    words = [line.split(" ", 1)[0] for line in f]
known = set(words)
pairs = collections.Counter()
with open("corpus.txt", encoding="utf-8") as f:
    for line in f:
        tokens = line.split()
        pairs.update(a + "_" + b for a, b in zip(tokens, tokens[1:]))
out = [w for w in words if w != "</s>"]
for pair, _ in pairs.most_common():
    if len(out) >= rows:
        break
    if pair not in known:
        out.append(pair)
print("\n".join(out))
PY
{ echo "$(wc -l < words.txt) $dim"; fasttext print-word-vectors "model$dim.bin" < words.txt; } > "real-400k-${dim}d.txt"
echo "wrote $work/real-400k-${dim}d.txt: $(head -1 "real-400k-${dim}d.txt")"

#!/usr/bin/env bash
# Loading gensim's own format (KeyedVectors.save: a pickle, the vectors in a .npy beside it)
# against word2vec binary, in wordvec (`convert`, the whole parse and the write of the converted
# file, JVM start included) and in gensim (KeyedVectors.load, load_word2vec_format), in alternating
# rounds. Wall seconds and peak resident memory from GNU time.
#
#   src/test/bench/gensim-format.sh          env: ROUNDS=3  PYTHON=/usr/bin/python3 (Debian's python3-gensim)
#
# Writes a seeded 400,000 x 300 model (random normal vectors) in both formats into $BENCH_DATA
# (default ../bench-data) on first use.
set -euo pipefail
source "$(dirname "$0")/load-timing.sh"   # py, rounds, data, out, run
kv="$data/gensim-400000x300.kv"; bin="$data/gensim-400000x300.bin"
if [ ! -f "$kv.vectors.npy" ] || [ ! -f "$bin" ]; then
  "$py" - "$kv" "$bin" <<'PY'
import sys
import numpy as np
from gensim.models import KeyedVectors
kv = KeyedVectors(300)
kv.add_vectors([f"w{i}" for i in range(400_000)], np.random.default_rng(1).standard_normal((400_000, 300)).astype(np.float32))
kv.save(sys.argv[1])
kv.save_word2vec_format(sys.argv[2], binary=True)
PY
fi
for round in $(seq "$rounds"); do
  echo "round $round"
  run "wordvec convert, gensim .kv" java -jar target/wordvec.jar convert "$kv" "$out/a.wvc"
  run "gensim KeyedVectors.load" "$py" -c "from gensim.models import KeyedVectors; KeyedVectors.load('$kv')"
  run "wordvec convert, word2vec binary" java -jar target/wordvec.jar convert "$bin" "$out/b.wvc"
  run "gensim load_word2vec_format(binary)" "$py" -c "from gensim.models import KeyedVectors; KeyedVectors.load_word2vec_format('$bin', binary=True)"
  rm -f "$out"/*.wvc
done

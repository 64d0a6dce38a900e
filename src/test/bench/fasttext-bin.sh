#!/usr/bin/env bash
# Loading a fastText .bin of cc.en.300.bin's shape (400,000 words x 300 and 2,000,000 n-gram buckets,
# 3.4 GB): wordvec's `convert` (JVM start, the parse, each word's mean of its own row and n-gram
# rows, and the write of the 2.9 GB converted file) against gensim's load_facebook_vectors (which
# computes the same means), in alternating rounds. Wall seconds and peak resident memory from GNU time.
#
#   src/test/bench/fasttext-bin.sh          env: ROUNDS=3  PYTHON=/usr/bin/python3 (Debian's python3-gensim)
#
# Writes the seeded model (uniform random rows, words w0 ... w399999) into $BENCH_DATA (default
# ../bench-data) on first use.
set -euo pipefail
source "$(dirname "$0")/load-timing.sh"   # py, rounds, data, out, run
bin="$data/fasttext-400000x300-2m.bin"
if [ ! -f "$bin" ]; then
  "$py" - "$bin" <<'PY'
import struct, sys
import numpy as np
words, dim, bucket = 400_000, 300, 2_000_000
rng = np.random.default_rng(1)
with open(sys.argv[1], "wb") as out:
    out.write(struct.pack("<ii", 0x2F4F16BA, 12))  # magic, version
    # dim, ws, epoch, minCount, neg, wordNgrams, loss (ns), model (skipgram), bucket, minn, maxn, lrUpdateRate, t
    out.write(struct.pack("<12id", dim, 5, 5, 5, 5, 1, 2, 2, bucket, 3, 6, 100, 1e-4))
    out.write(struct.pack("<iiiqq", words, words, 0, 10**9, -1))  # size, nwords, nlabels, ntokens, pruneidx_size
    for i in range(words):
        out.write(f"w{i}".encode() + b"\0" + struct.pack("<qb", words - i, 0))
    out.write(b"\0" + struct.pack("<qq", words + bucket, dim))  # not quantised; the input matrix
    for start in range(0, words + bucket, 100_000):
        n = min(100_000, words + bucket - start)
        out.write(((rng.random((n, dim), dtype=np.float32) - 0.5) / dim).tobytes())
    out.write(b"\0" + struct.pack("<qq", words, dim))  # the output matrix
    out.write(np.zeros((words, dim), dtype=np.float32).tobytes())
PY
fi
for round in $(seq "$rounds"); do
  echo "round $round"
  run "wordvec convert, fastText .bin" java -jar target/wordvec.jar convert "$bin" "$out/a.wvc"
  run "gensim load_facebook_vectors" "$py" -c "from gensim.models.fasttext import load_facebook_vectors; load_facebook_vectors('$bin')"
  rm -f "$out"/*.wvc
done

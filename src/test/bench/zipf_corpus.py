#!/usr/bin/env python3
"""Writes a synthetic corpus for reading benchmarks: 40 million words drawn from a Zipf law
(exponent 1.1) over 600,000 made-up words, 2 to 14 words a line; seeded, so every run writes the
same file (375 MB). Its words mean nothing: it measures reading, counting and memory, not quality.

    /usr/bin/python3 src/test/bench/zipf_corpus.py /work/bench-data/synth.txt   # numpy (python3-numpy)
"""
import sys

import numpy as np

rng = np.random.default_rng(7)
VOCABULARY = 600_000
WORDS = 40_000_000
letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
lengths = rng.integers(2, 12, VOCABULARY)
words = ["".join(rng.choice(letters, n)) + str(i % 7) for i, n in enumerate(lengths)]
ids = rng.zipf(1.1, WORDS * 2)
ids = ids[ids <= VOCABULARY][:WORDS] - 1
assert len(ids) == WORDS
line_lengths = rng.integers(2, 15, WORDS // 2)
with open(sys.argv[1], "w") as out:
    at, line, batch = 0, 0, []
    while at < WORDS:
        n = int(line_lengths[line])
        line += 1
        batch.append(" ".join(words[j] for j in ids[at:at + n]))
        at += n
        if len(batch) >= 100_000:
            out.write("\n".join(batch) + "\n")
            batch = []
    if batch:
        out.write("\n".join(batch) + "\n")

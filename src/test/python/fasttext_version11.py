#!/usr/bin/env python3
"""fastText's answers on a version-11 classifier, for FastTextBinReaderTests.

Run from the repository root with Debian's fastText Python module (apt-get install python3-fasttext):
    /usr/bin/python3 src/test/python/fasttext_version11.py
fastText reads a classifier saved in the older file format 11 (fastText 0.9 writes 12) as one without character
n-grams, whatever its maxn says ("backward compatibility: old supervised models do not use char
ngrams"): a word's vector is its own row, an unknown word has none, and sentence vectors still add
the word n-grams. Formats 11 and 12 lay a file out alike, so the script marks a copy of
src/test/resources/fasttext/supervised.bin as version 11 (the int after the magic) and writes
fastText's get_word_vector and get_sentence_vector on it to version11.json; the test makes the same
copy.
"""
import json
import struct
import sys
import tempfile
from pathlib import Path

import fasttext
import numpy as np

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
source = root / "src/test/resources/fasttext/supervised.bin"
data = bytearray(source.read_bytes())
assert struct.unpack_from("<ii", data, 0) == (0x2F4F16BA, 12)
struct.pack_into("<i", data, 4, 11)


def floats(v):
    return [float(x) for x in np.asarray(v, dtype=np.float32)]


with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "v11.bin"
    path.write_bytes(bytes(data))
    model = fasttext.load_model(str(path))
    words = model.words
    picks = [words[i] for i in sorted({1, 2, len(words) // 2, len(words) - 1})] + ["Athens"]
    texts = ["Athens Greece Baghdad Iraq", "zzqx Greece", "Paris, France.", "zzqx"]
    out = {"maxn": model.f.getArgs().maxn, "wordNgrams": model.f.getArgs().wordNgrams,
           "inVocabulary": {w: floats(model.get_word_vector(w)) for w in picks},
           "outOfVocabulary": {w: floats(model.get_word_vector(w)) for w in ["zzqx", "athens"]},
           "sentences": {t: floats(model.get_sentence_vector(t)) for t in texts}}
target = root / "src/test/resources/fasttext/version11.json"
target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
print("wrote", target)

#!/usr/bin/env python3
"""Writes models in gensim 4's own format (`save`), and gensim's answers on them, for GensimFormatTests.

Run from the repository root with Debian's gensim (apt-get install python3-gensim):
    /usr/bin/python3 src/test/python/gensim_native.py
It rewrites src/test/resources/gensim/native/: models saved with gensim's `save` (a pickle, arrays
inline or in .npy files beside it), a pickle that is not a gensim model, and expected.json with
what gensim's `load` gives for them (vocabulary order, vectors of known and unknown words). The
values are gensim's, never typed by hand. The training text is the repository's LICENSE.
"""
import json
import pickle
import re
from pathlib import Path

import gensim
from gensim.models import FastText, KeyedVectors, Word2Vec

root = Path(".")
out = root / "src" / "test" / "resources" / "gensim" / "native"
out.mkdir(parents=True, exist_ok=True)
for old in out.iterdir():
    old.unlink()

sentences = [re.findall(r"[a-z]+", line.lower()) for line in (root / "LICENSE").read_text().splitlines()]
sentences = [s for s in sentences if s]

# KeyedVectors from a text model: the vectors pickled inline, then stored aside in a .npy file.
glove = KeyedVectors.load_word2vec_format(str(root / "src/test/resources/fixtures/test_glove.txt"), no_header=True)
glove.save(str(out / "glove.kv"))
glove.save(str(out / "glove-aside.kv"), separately=["vectors"])
# Under a .gz name gensim compresses the pickle, and writes the arrays as .npz zips (val.npy inside).
glove.save(str(out / "glove-aside.kv.gz"), separately=["vectors"])

# Whole models. sep_limit=100 stores every array of 100 numbers or more beside the pickle, as gensim
# does by default for arrays over 10,485,760 numbers: here wv's vectors go to w2v.model.wv.vectors.npy.
w2v = Word2Vec(sentences, vector_size=12, min_count=2, epochs=5, workers=1, seed=3)
w2v.save(str(out / "w2v.model"), sep_limit=100)
ft = FastText(sentences, vector_size=8, min_count=2, epochs=5, workers=1, seed=3, bucket=500, min_n=2, max_n=4)
ft.save(str(out / "ft.model"))
ft.wv.save(str(out / "ft.kv"), sep_limit=100)
ft_whole_words = FastText(sentences, vector_size=6, min_count=2, epochs=2, workers=1, seed=3, bucket=0)
ft_whole_words.save(str(out / "ft-nongrams.model"))

with open(out / "not-gensim.pkl", "wb") as f:
    pickle.dump({"vectors": [1.0, 2.0]}, f, protocol=4)

# Plain values in every binary protocol, for PickleTests (the same structure each time; PickleTests
# spells it out). `shared` is one list twice, which pickles through the memo.
shared = [1, 2]
values = {"ints": [0, 255, 65535, -1, 2**31, -2**40, 2**70], "float": 1.5, "str": "naïve ü", "bytes": b"\x00\xff",
          "bytearray": bytearray(b"ab"), "tuple": (1, "a"), "empty": (), "set": {3}, "frozenset": frozenset({4}),
          "none": None, "bools": [True, False], "nested": {"k": [1, {"x": 2.25}]}, "shared": shared, "again": shared}
for protocol in (2, 3, 4, 5):
    with open(out / f"values-p{protocol}.pkl", "wb") as f:
        pickle.dump(values, f, protocol=protocol)

unknown = ["zzqx", "licensing", "Überstunden", "の", "a-b"]
expected = {"gensim": gensim.__version__, "models": {}}
for name, load in [("glove.kv", KeyedVectors.load), ("glove-aside.kv", KeyedVectors.load),
                   ("glove-aside.kv.gz", KeyedVectors.load),
                   ("w2v.model", lambda p: Word2Vec.load(p).wv), ("ft.model", lambda p: FastText.load(p).wv),
                   ("ft.kv", KeyedVectors.load), ("ft-nongrams.model", lambda p: FastText.load(p).wv)]:
    kv = load(str(out / name))
    entry = {"words": list(kv.index_to_key), "dimension": kv.vector_size,
             "vectors": {w: kv[w].tolist() for w in kv.index_to_key[:3] + kv.index_to_key[-2:]}}
    if hasattr(kv, "vectors_ngrams") and kv.bucket > 0:
        entry["subwords"] = {"minn": kv.min_n, "maxn": kv.max_n, "bucket": kv.bucket}
        entry["unknown"] = {w: kv[w].tolist() for w in unknown}
    expected["models"][name] = entry
(out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
print("wrote", sorted(p.name for p in out.iterdir()))

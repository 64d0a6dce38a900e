#!/usr/bin/env python3
"""Writes gensim's answers on the shared fixture models, for the Java tests to compare against.

Run from the repository root with Debian's gensim (apt-get install python3-gensim):
    /usr/bin/python3 src/test/python/gensim_expected.py ../shared
It rewrites src/test/resources/gensim/expected.json. The values are gensim 4's, never typed by hand.
"""
import itertools
import json
import sys
from pathlib import Path

import gensim
import numpy as np
from gensim.models import KeyedVectors

shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
fixtures = shared / "fixtures"

MODELS = {
    # name: (path, binary, no_header)
    "test_glove": (fixtures / "test_glove.txt", False, True),
    "lee_fasttext": (fixtures / "lee_fasttext.vec", False, False),
    "crime_and_punishment": (fixtures / "crime-and-punishment.vec", False, False),
    "euclidean_vectors": (fixtures / "euclidean_vectors.bin", True, False),
    "high_precision_txt": (fixtures / "high_precision.kv.txt", False, False),
    "high_precision_bin": (fixtures / "high_precision.kv.bin", True, False),
    "demo": (shared / "data" / "demo-57k-100d.vec.gz", False, False),
}


def floats(vector):
    # float32 -> Python float is exact, so the JSON round-trips to the same float32.
    return [float(x) for x in np.asarray(vector, dtype=np.float32)]


def describe(kv):
    words = kv.index_to_key
    # Rows spread over the file, plus the first and last, so any off-by-one shows.
    picks = sorted(i for i in {0, 1, 2, len(words) // 2, len(words) - 1} if i < len(words))
    vectors = {words[i]: floats(kv[words[i]]) for i in picks}
    sample = [words[i] for i in picks] + words[3:8]
    pairs = []
    for a, b in itertools.islice(itertools.combinations(sample, 2), 40):
        pairs.append({"word1": a, "word2": b, "similarity": float(kv.similarity(a, b))})
    return {
        "vocabularySize": len(words),
        "dimension": kv.vector_size,
        "firstWords": words[:10],
        "lastWord": words[-1],
        "vectors": vectors,
        "similarities": pairs,
    }


def main():
    out = {"gensim": gensim.__version__, "models": {}}
    for name, (path, binary, no_header) in MODELS.items():
        kv = KeyedVectors.load_word2vec_format(str(path), binary=binary, no_header=no_header)
        entry = describe(kv)
        entry["file"] = str(path.relative_to(shared))
        out["models"][name] = entry
    demo = out["models"]["demo"]
    kv = KeyedVectors.load_word2vec_format(str(MODELS["demo"][0]))
    demo["similarities"] += [
        {"word1": a, "word2": b, "similarity": float(kv.similarity(a, b))}
        for a, b in [("king", "queen"), ("man", "woman"), ("january", "february"), ("paris", "london")]
    ]
    demo["vectors"].update({w: floats(kv[w]) for w in ["king", "queen", "the", "cat"]})
    target = Path("src/test/resources/gensim/expected.json")
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", target)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes gensim's answers on the repository's fixture models, for the Java tests to compare against.

Run from the repository root with Debian's gensim and pyemd (apt-get install python3-gensim python3-pyemd):
    /usr/bin/python3 src/test/python/gensim_expected.py
It rewrites src/test/resources/gensim/expected.json. The values are gensim 4's, never typed by hand.
Model paths in it are relative to the repository root, where Maven runs the tests.
"""
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import gensim
import numpy as np
from gensim.models import KeyedVectors
from scipy.optimize import linprog
from scipy.spatial.distance import cdist

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
fixtures = root / "src" / "test" / "resources" / "fixtures"

MODELS = {
    # name: (path, binary, no_header)
    "test_glove": (fixtures / "test_glove.txt", False, True),
    "lee_fasttext": (fixtures / "lee_fasttext.vec", False, False),
    "crime_and_punishment": (fixtures / "crime-and-punishment.vec", False, False),
    "euclidean_vectors": (fixtures / "euclidean_vectors.bin", True, False),
    "high_precision_txt": (fixtures / "high_precision.kv.txt", False, False),
    "high_precision_bin": (fixtures / "high_precision.kv.bin", True, False),
    "demo": (root / "src" / "main" / "resources" / "models" / "demo-57k-100d.vec.gz", False, False),
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


# Per model: words for nearest-neighbour queries, analogies (positive, negative), word groups.
QUERIES = [
    ("test_glove", ["the", "year", "percent", "people"],
     [(["year", "people"], ["the"]), (["said", "she"], ["he"])],
     [["the", "and", "of", "year"], ["people", "she", "he", "percent"]]),
    ("lee_fasttext", ["government", "police", "Australia"],
     [(["government", "police"], ["Australia"])],
     [["government", "police", "Australia", "the"]]),
    ("demo", ["king", "january", "paris", "cat"],
     [(["king", "woman"], ["man"]), (["paris", "england"], ["france"]), (["january"], []),
      (["brother", "sister", "uncle"], ["man"])],
     [["breakfast", "cereal", "dinner", "lunch"], ["king", "queen", "prince", "kernel"]]),
]


# Per model: pairs of documents (token lists) for wmdistance; unknown words, repeats, one word alone.
DOCUMENTS = {
    "test_glove": [(["the", "year", "said"], ["people", "percent", "she", "he"]),
                   (["he", "said", "he", "said"], ["she", "said"])],
    "lee_fasttext": [(["government", "police", "Australia"], ["the", "police", "said", "police"])],
    "demo": [(["obama", "speaks", "media", "illinois"], ["president", "greets", "press", "chicago"]),
             (["the", "cat", "sat", "on", "the", "mat"], ["a", "dog", "lay", "on", "the", "rug"]),
             (["king", "king", "queen"], ["man", "woman", "woman", "prince"]),
             (["paris", "xyzzyq", "france"], ["berlin", "germany"]),
             (["january", "february"], ["february", "january"]),
             (["king"], ["king", "king"]),
             (["qwxyzzq"], ["king"])],
}


def transport_optimum(kv, document1, document2, norm):
    """The transport problem wmdistance poses, solved exactly by linear programming (scipy's HiGHS):
    pyemd, which gensim 4.2 calls, works in whole millionths and can be 1e-5 away from it."""
    counts1 = Counter(w for w in document1 if w in kv)
    counts2 = Counter(w for w in document2 if w in kv)
    words1, words2 = list(counts1), list(counts2)
    mass1 = np.array([counts1[w] for w in words1]) / sum(counts1.values())
    mass2 = np.array([counts2[w] for w in words2]) / sum(counts2.values())
    cost = cdist(np.array([kv.get_vector(w, norm=norm) for w in words1]),
                 np.array([kv.get_vector(w, norm=norm) for w in words2]))
    rows = [np.kron(np.eye(len(words1))[i], np.ones(len(words2))) for i in range(len(words1))]
    columns = [np.tile(np.eye(len(words2))[j], len(words1)) for j in range(len(words2))]
    result = linprog(cost.ravel(), A_eq=np.array(rows + columns), b_eq=np.concatenate([mass1, mass2]),
                     bounds=(0, None), method="highs")
    return float(result.fun)


def wm_distances(kv, documents):
    out = []
    for document1, document2 in documents:
        for norm in (True, False):
            distance = float(kv.wmdistance(document1, document2, norm=norm))
            known = distance != float("inf")
            # JSON has no infinity: null stands for gensim's answer when a document has no known word.
            out.append({"words1": document1, "words2": document2, "normalize": norm,
                        "distance": distance if known else None,
                        "optimum": transport_optimum(kv, document1, document2, norm) if known else None})
    return out


# A query and documents for WmdSimilarity (one text each, as space-separated words), on the demo model.
WMD_RANKING = ("the president speaks to the press in chicago",
               ["obama speaks to the media in illinois", "the band gave a concert in japan",
                "the chairman addressed reporters in washington", "qwxyzzq zzqxq", "a cat sat on the mat",
                "the president greets the press in chicago", "the governor talked to journalists"])


def wmd_ranking(kv):
    from gensim.similarities import WmdSimilarity
    query, documents = WMD_RANKING[0].split(), [d.split() for d in WMD_RANKING[1]]
    similarities = WmdSimilarity(documents, kv)[query]
    best = WmdSimilarity(documents, kv, num_best=3)[query]
    return {"text": WMD_RANKING[0], "documents": WMD_RANKING[1], "similarities": [float(x) for x in similarities],
            "best": [[int(i), float(x)] for i, x in best]}


def pairs(result):
    return [{"word": w, "similarity": float(s)} for w, s in result]


def queries(kv, words, analogies, groups):
    q = {"neighbors": [], "analogies": [], "groups": [], "nSimilarity": [], "meanVectors": [], "negativeOnly": []}
    for w in words:
        q["neighbors"].append({"word": w, "k": 10, "result": pairs(kv.most_similar(w, topn=10))})
        q["neighbors"].append({"word": w, "k": 5, "restrictVocab": 40,
                               "result": pairs(kv.most_similar(w, topn=5, restrict_vocab=40))})
        vector = kv[w] * 0.5 + kv[words[0]] * 0.25
        q["neighbors"].append({"vector": floats(vector), "k": 7,
                               "result": pairs(kv.similar_by_vector(vector, topn=7))})
    for positive, negative in analogies:
        q["analogies"].append({"positive": positive, "negative": negative, "method": "add",
                               "result": pairs(kv.most_similar(positive=positive, negative=negative, topn=10))})
        q["analogies"].append({"positive": positive, "negative": negative, "method": "mul",
                               "result": pairs(kv.most_similar_cosmul(positive=positive, negative=negative, topn=10))})
        weighted = [(positive[0], 2.0)] + positive[1:]
        q["analogies"].append({"positive": positive, "weights": [2.0] + [1.0] * (len(positive) - 1),
                               "negative": negative, "method": "add",
                               "result": pairs(kv.most_similar(positive=weighted, negative=negative, topn=10))})
    # most_similar with only negative words: the words least like them.
    q["negativeOnly"].append({"negative": words[:1], "result": pairs(kv.most_similar(negative=words[:1], topn=10))})
    q["negativeOnly"].append({"negative": words[:2], "result": pairs(kv.most_similar(negative=words[:2], topn=10))})
    for group in groups:
        q["groups"].append({"words": group, "doesntMatch": kv.doesnt_match(group),
                            "centrality": pairs([(w, d) for d, w in kv.rank_by_centrality(group)])})
    for group in groups:
        # A sentence vector: get_mean_vector averages unit vectors by default (pre_normalize=True).
        for pre_normalize in (True, False):
            q["meanVectors"].append({"words": group, "preNormalize": pre_normalize,
                                     "vector": floats(kv.get_mean_vector(group, pre_normalize=pre_normalize))})
    # rank(word, other): 1 + the words closer to word than other (float32 distances 1 - cosine). Others
    # are the word's nearest and words spread over the vocabulary, 5 a request. nearTies counts the words
    # whose distance is within 1e-6 of other's: wordvec's cosines and numpy's can differ in their last
    # bits, so a rank may differ by up to that many (where it is 0, the ranks must be equal).
    q["ranks"] = []
    keys = kv.index_to_key
    for w in words:
        distances = kv.distances(w)
        nearest = [o for o, _ in kv.most_similar(w, topn=3)]
        spread = [keys[(i * 7919) % len(keys)] for i in range(1, 8) if keys[(i * 7919) % len(keys)] != w]
        for others in (nearest + spread[:2], spread[2:7]):
            ranks, ties = [], []
            for o in others:
                t = distances[kv.get_index(o)]
                near = np.abs(distances - t) <= 1e-6
                near[[kv.get_index(w), kv.get_index(o)]] = False
                ranks.append(int(kv.rank(w, o)))
                ties.append(int(near.sum()))
            q["ranks"].append({"word": w, "others": others, "ranks": ranks, "nearTies": ties})
    for a in groups:
        for b in groups:
            q["nSimilarity"].append({"words1": a[:3], "words2": b[1:], "similarity": float(kv.n_similarity(a[:3], b[1:]))})
    return q


def main():
    out = {"gensim": gensim.__version__, "models": {}}
    for name, (path, binary, no_header) in MODELS.items():
        kv = KeyedVectors.load_word2vec_format(str(path), binary=binary, no_header=no_header)
        entry = describe(kv)
        entry["file"] = str(path.relative_to(root))
        out["models"][name] = entry
    demo = out["models"]["demo"]
    kv = KeyedVectors.load_word2vec_format(str(MODELS["demo"][0]))
    demo["similarities"] += [
        {"word1": a, "word2": b, "similarity": float(kv.similarity(a, b))}
        for a, b in [("king", "queen"), ("man", "woman"), ("january", "february"), ("paris", "london")]
    ]
    demo["vectors"].update({w: floats(kv[w]) for w in ["king", "queen", "the", "cat"]})
    for name, words, analogies, groups in QUERIES:
        path, binary, no_header = MODELS[name]
        kv = KeyedVectors.load_word2vec_format(str(path), binary=binary, no_header=no_header)
        out["models"][name]["queries"] = queries(kv, words, analogies, groups)
        # Word Mover's Distance needs pyemd (apt-get install python3-pyemd), as gensim 4.2 does.
        out["models"][name]["queries"]["wmDistances"] = wm_distances(kv, DOCUMENTS[name])
        if name == "demo":
            out["models"][name]["queries"]["wmRanking"] = wmd_ranking(kv)
    target = Path("src/test/resources/gensim/expected.json")
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", target)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes gensim's evaluation results on the repository's models, for the Java tests to compare against.

Run from the repository root with Debian's gensim (apt-get install python3-gensim):
    /usr/bin/python3 src/test/python/gensim_evaluation.py
It rewrites src/test/resources/gensim/evaluation.json: for each model and option set, gensim 4's
evaluate_word_analogies (per-section correct and incorrect counts) and evaluate_word_pairs
(Pearson and Spearman with their p-values, and the OOV ratio), never typed by hand; and on
test_glove, word-pair sets too small or too flat for a correlation (scipy's answers for 2 pairs,
NaN for a constant side, and where it refuses).
"""
import json
import math
import os
import sys
import tempfile
from pathlib import Path

import gensim
from gensim.models import KeyedVectors

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
fixtures = root / "src" / "test" / "resources" / "fixtures"
sets = root / "src" / "main" / "resources" / "evaluation"

MODELS = {
    # name: (path, binary, no_header)
    "test_glove": (fixtures / "test_glove.txt", False, True),
    "lee_fasttext": (fixtures / "lee_fasttext.vec", False, False),
    "euclidean_vectors": (fixtures / "euclidean_vectors.bin", True, False),
    "demo": (root / "src" / "main" / "resources" / "models" / "demo-57k-100d.vec.gz", False, False),
}
OPTIONS = [
    {"restrictVocab": 300000, "caseInsensitive": True},
    {"restrictVocab": 300000, "caseInsensitive": False},
    {"restrictVocab": 5000, "caseInsensitive": True},
    {"restrictVocab": 5000, "caseInsensitive": True, "dummy4unknown": True},
]
PAIR_SETS = {"wordsim353": sets / "wordsim353.tsv", "simlex999": sets / "simlex999.txt"}


def analogies(kv, options):
    _, sections = kv.evaluate_word_analogies(str(sets / "questions-words.txt"),
                                             restrict_vocab=options["restrictVocab"],
                                             case_insensitive=options["caseInsensitive"],
                                             dummy4unknown=options.get("dummy4unknown", False))
    return [{"section": s["section"], "correct": len(s["correct"]), "incorrect": len(s["incorrect"])}
            for s in sections]


def pairs(kv, path, options, delimiter="\t"):
    try:
        pearson, spearman, oov = kv.evaluate_word_pairs(str(path), restrict_vocab=options["restrictVocab"],
                                                        case_insensitive=options["caseInsensitive"],
                                                        dummy4unknown=options.get("dummy4unknown", False),
                                                        delimiter=delimiter)
    except ValueError:
        return None  # fewer than 2 pairs to correlate: scipy refuses
    # NaN (a constant side, such as the dummies' zeros; Spearman's p for 2 pairs) is written as null.
    number = lambda v: None if math.isnan(v) else float(v)
    return {"pearson": number(pearson[0]), "pearsonPValue": number(pearson[1]),
            "spearman": number(spearman[0]), "spearmanPValue": number(spearman[1]), "oovRatio": float(oov)}


# Sets too small or too flat for a correlation, on test_glove: what gensim (scipy) answers, or None
# where it raises. The test reads each set's text from here, so both sides read the same lines.
TINY_SETS = {
    "two": "the\tof\t1\nand\tthat\t2\n",
    "two-falling": "the\tof\t2\nand\tthat\t1\n",
    "two-equal-scores": "the\tof\t1\nand\tthat\t1\n",
    "one": "the\tof\t1\nzzqx\tthat\t2\n",
    "one-and-dummies": "the\tof\t1\nzzqx\tthat\t2\nqqqz\tand\t3\n",
    "only-dummies": "zzqx\tthat\t2\nqqqz\tand\t3\nzzqx\tqqqz\t1\n",
    "three-equal-scores": "the\tof\t1\nand\tthat\t1\nthe\tand\t1\n",
}


def tiny_sets(kv):
    results = {}
    for set_name, text in TINY_SETS.items():
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf8", delete=False) as f:
            f.write(text)
        results[set_name] = {"text": text, "runs": [
            {"dummy4unknown": dummy, "pairs": pairs(kv, f.name, {"restrictVocab": 300000, "caseInsensitive": True,
                                                                  "dummy4unknown": dummy})}
            for dummy in (False, True)]}
        os.unlink(f.name)
    return results


def cosmul_section(kv, section_name):
    """evaluate_word_analogies' loop for one section, answering with most_similar_cosmul: gensim 4.2's
    evaluation takes a similarity_function argument but always calls most_similar."""
    ok_vocab = {k.upper(): kv.get_index(k) for k in reversed(kv.index_to_key)}
    correct = incorrect = oov = 0
    section = None
    for line in open(sets / "questions-words.txt", encoding="utf8"):
        if line.startswith(": "):
            section = line.lstrip(": ").strip()
            continue
        if section != section_name:
            continue
        a, b, c, expected = [w.upper() for w in line.split()]
        if any(w not in ok_vocab for w in (a, b, c, expected)):
            oov += 1
            continue
        original, kv.key_to_index = kv.key_to_index, ok_vocab
        sims = kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=5)
        kv.key_to_index = original
        predicted = None
        for word, _ in sims:
            predicted = word.upper()
            if predicted in ok_vocab and predicted not in {a, b, c}:
                break
        if predicted == expected:
            correct += 1
        else:
            incorrect += 1
    return {"section": section_name, "correct": correct, "incorrect": incorrect, "oov": oov}


out = {"gensim": gensim.__version__, "models": {}}
for name, (path, binary, no_header) in MODELS.items():
    kv = KeyedVectors.load_word2vec_format(str(path), binary=binary, no_header=no_header)
    runs = []
    for options in OPTIONS:
        runs.append({"options": options, "analogies": analogies(kv, options),
                     "pairs": {set_name: pairs(kv, set_path, options) for set_name, set_path in PAIR_SETS.items()}})
        print(name, options, runs[-1]["analogies"][-1], file=sys.stderr)
    out["models"][name] = {"file": str(path.relative_to(root)), "runs": runs}
    # WordSim-353 with spaces for tabs (as MEN comes), read with delimiter=' ': the test builds the same text.
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf8", delete=False) as spaced:
        spaced.write((sets / "wordsim353.tsv").read_text(encoding="utf8").replace("\t", " "))
    out["models"][name]["spaceDelimited"] = pairs(kv, spaced.name, OPTIONS[0], delimiter=" ")
    os.unlink(spaced.name)
    if name == "test_glove":
        out["models"][name]["tinySets"] = tiny_sets(kv)
    if name == "demo":
        out["models"][name]["cosmul"] = [cosmul_section(kv, "family"), cosmul_section(kv, "gram1-adjective-to-adverb")]
        print(name, out["models"][name]["cosmul"], file=sys.stderr)

target = root / "src" / "test" / "resources" / "gensim" / "evaluation.json"
target.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", target, file=sys.stderr)

#!/usr/bin/env python3
"""Writes gensim's fastText answers on the repository's fastText .bin fixtures.

Run from the repository root with Debian's gensim (apt-get install python3-gensim):
    /usr/bin/python3 src/test/python/fasttext_expected.py
It rewrites src/test/resources/fasttext/expected.json: the arguments, vocabulary and the word
vectors of in- and out-of-vocabulary words as gensim's load_facebook_vectors computes them (which
is fastText's getWordVector, but for "</s>", whose vector fastText takes from its own row alone: the mean of the word's row and its character n-grams' rows), in full
float32 precision, and the nearest words of some of them. Debian's `fasttext print-word-vectors`
gives the same values to the 5 digits it prints. Nearest words come from `fasttext nn` itself
(apt-get install fasttext), unknown words included; sentence vectors from gensim's
get_sentence_vector and from `fasttext print-sentence-vectors`.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
from gensim.models.fasttext import load_facebook_vectors

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
fixtures = root / "src" / "test" / "resources" / "fixtures"
# "Landlady" and "ЕМУ" are other spellings of words the model holds ("landlady", "ему"): fastText
# answers them from their n-grams, and so does the service (no case fallback on a .bin by default).
OOV = ["достоевский", "раскольниковым", "zzqx", "runningly", "the-end", "ü", "naïveté", "a", "Landlady", "ЕМУ"]


def floats(v):
    return [float(x) for x in np.asarray(v, dtype=np.float32)]


def fasttext_nn(path, words, k=5):
    """Debian's `fasttext nn` (the reference for nearest words, unknown words included)."""
    if shutil.which("fasttext") is None:
        return None
    run = subprocess.run(["fasttext", "nn", str(path), str(k)], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True)
    answers, current, index = {}, None, -1
    for line in run.stdout.splitlines():
        # Each query's prompt is printed on the line of its first answer: "Query word? w score".
        while line.startswith("Query word? "):
            index += 1
            current = answers.setdefault(words[index], []) if index < len(words) else None
            line = line[len("Query word? "):]
        if line.strip() and current is not None:
            word, score = line.rsplit(" ", 1)
            current.append([word, float(score)])
    return answers


def fasttext_sentence_vectors(path, sentences):
    """Debian's `fasttext print-sentence-vectors`: the mean of the words' unit vectors (5 digits)."""
    if shutil.which("fasttext") is None:
        return None
    run = subprocess.run(["fasttext", "print-sentence-vectors", str(path)], input="\n".join(sentences) + "\n",
                         capture_output=True, text=True, check=True)
    return {s: [float(x) for x in line.split()] for s, line in zip(sentences, run.stdout.splitlines())}


# Words separated by single spaces, no punctuation but inside a word: fastText splits on whitespace
# only and matches words exactly, so these read the same way in fastText, gensim and the service
# (which takes an unknown word written with marks inside it, "the-end", whole, as fastText does).
SENTENCES = ["и в на", "раскольниковым zzqx и", "the came runningly", "достоевский", "Landlady и ЕМУ",
             "the-end и раскольников's"]

out = {}
for name in ["crime-and-punishment.bin", "lee_fasttext.bin"]:
    kv = load_facebook_vectors(str(fixtures / name))
    words = kv.index_to_key
    picks = sorted({0, 1, 2, len(words) // 2, len(words) - 1})
    entry = {
        "file": str((fixtures / name).relative_to(root)),
        "dimension": kv.vector_size, "minn": kv.min_n, "maxn": kv.max_n, "bucket": kv.bucket,
        "vocabularySize": len(words), "firstWords": words[:5], "lastWord": words[-1],
        "inVocabulary": {words[i]: floats(kv[words[i]]) for i in picks},
        "outOfVocabulary": {w: floats(kv[w]) for w in OOV if w not in kv.key_to_index},
        # fastText gives its end-of-sentence token only its own row (no n-grams); gensim averages n-grams in.
        "endOfSentence": floats(kv.vectors_vocab[kv.key_to_index["</s>"]]) if "</s>" in kv.key_to_index else None,
        "neighbors": {words[i]: [[w, float(s)] for w, s in kv.most_similar(words[i], topn=5)] for i in picks[:3]},
    }
    if name == "crime-and-punishment.bin":  # fastText 0.9.2 cannot read the older layout of lee_fasttext.bin
        entry["fasttextNn"] = fasttext_nn(fixtures / name, ["раскольниковым", "zzqx", "и", "the", "Landlady"])
        # gensim's get_sentence_vector (a workalike of fastText's) and fastText's own.
        entry["sentenceVectors"] = {t: floats(kv.get_sentence_vector(t.split())) for t in SENTENCES}
        entry["fasttextSentenceVectors"] = fasttext_sentence_vectors(fixtures / name, SENTENCES)
    out[name] = entry
    print(name, entry["vocabularySize"], file=sys.stderr)

target = root / "src" / "test" / "resources" / "fasttext" / "expected.json"
target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
print("wrote", target, file=sys.stderr)

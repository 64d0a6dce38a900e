#!/usr/bin/env python3
"""Writes a small model whose analogy answers hinge on other spellings of the input words, and
gensim's evaluation of it, for EvaluatorTests.

gensim's evaluate_word_analogies takes the 5 best words other than a, b and c, and predicts the
first that is not an input word; case-insensitively, "King" is the input word "king". So the
answer can be the 3rd or 5th best word, or an input word's spelling when 5 of them come first.
The fixtures' models never rank such spellings near an answer; this one does, on purpose.

Run from the repository root with Debian's gensim (apt-get install python3-gensim):
    /usr/bin/python3 src/test/python/gensim_spellings.py
It rewrites src/test/resources/gensim/spellings.vec, spellings-questions.txt and spellings.json.
"""
import json
from pathlib import Path

import numpy as np
from gensim.models import KeyedVectors

out = Path("src/test/resources/gensim")
rng = np.random.default_rng(7)
DIM = 16
vectors = {}


def unit(v):
    return v / np.linalg.norm(v)


def near(target, cosine):
    """A vector whose cosine with the unit vector target is the given one."""
    noise = unit(rng.standard_normal(DIM))
    noise = unit(noise - noise.dot(target) * target)
    return cosine * target + np.sqrt(1 - cosine * cosine) * noise


# Each question: (a, b, c, expected, [(word, cosine with b + c - a)] ranked by cosine).
QUESTIONS = {
    "two-spellings-first": ("man", "king", "woman", "queen",
                            [("King", 0.99), ("KING", 0.98), ("queen", 0.90)]),
    "four-spellings-first": ("boy", "prince", "girl", "princess",
                             [("Prince", 0.99), ("PRINCE", 0.98), ("Girl", 0.97), ("Boy", 0.96), ("princess", 0.90)]),
    "five-spellings-first": ("father", "son", "mother", "daughter",
                             [("Son", 0.99), ("SON", 0.98), ("Mother", 0.97), ("MOTHER", 0.96), ("Father", 0.95),
                              ("daughter", 0.90)]),
    "answer-in-another-spelling": ("paris", "france", "rome", "italy",
                                   [("Italy", 0.97), ("italy", 0.90)]),
}
lowercase = []
later = []
for a, b, c, expected, ranked in QUESTIONS.values():
    for w in (a, b, c):
        vectors[w] = unit(rng.standard_normal(DIM))
    target = unit(unit(vectors[b]) + unit(vectors[c]) - unit(vectors[a]))
    for word, cosine in ranked:
        vectors[word] = near(target, cosine)
    lowercase += [a, b, c] + [w for w, _ in ranked if w.islower()]
    later += [w for w, _ in ranked if not w.islower()]
for i in range(40):
    word = "filler%d" % i
    vectors[word] = unit(rng.standard_normal(DIM))
    lowercase.append(word)
# The lower-case spellings come first, as the most frequent words do: they answer for their upper-case key.
order = lowercase + later
with open(out / "spellings.vec", "w", encoding="utf8") as f:
    f.write("%d %d\n" % (len(order), DIM))
    for word in order:
        f.write(word + " " + " ".join("%.6f" % x for x in vectors[word]) + "\n")
with open(out / "spellings-questions.txt", "w", encoding="utf8") as f:
    for section, (a, b, c, expected, _) in QUESTIONS.items():
        f.write(": %s\n%s %s %s %s\n" % (section, a, b, c, expected))

kv = KeyedVectors.load_word2vec_format(str(out / "spellings.vec"))
expected = {}
for case_insensitive in (True, False):
    _, sections = kv.evaluate_word_analogies(str(out / "spellings-questions.txt"), case_insensitive=case_insensitive)
    expected["caseInsensitive" if case_insensitive else "caseSensitive"] = [
        {"section": s["section"], "correct": len(s["correct"]), "incorrect": len(s["incorrect"])} for s in sections]
(out / "spellings.json").write_text(json.dumps(expected, indent=1) + "\n")
print(json.dumps(expected))

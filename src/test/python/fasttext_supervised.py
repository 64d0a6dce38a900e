#!/usr/bin/env python3
"""Makes the supervised fastText fixture and fastText's own answers on it.

Run from the repository root with Debian's fastText and its Python module
(apt-get install fasttext python3-fasttext):
    /usr/bin/python3 src/test/python/fasttext_supervised.py
gensim refuses supervised models, so the reference here is fastText itself: its Python module's
get_word_vector (the same code as `fasttext print-word-vectors`, in full float32 precision).

The classifier is trained on every 8th line of the repository's questions-words.txt (Apache-2.0,
from word2vec), each labelled by its section ("__label__capital-common-countries Athens Greece
..."), with character n-grams of 2 to 4 and word bigrams sharing 2,000 buckets, so that the input
matrix holds words, character n-grams and word n-grams, as real classifiers' do. It writes
src/test/resources/fasttext/supervised.bin and supervised.json.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import fasttext
import numpy as np

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
out_dir = root / "src" / "test" / "resources" / "fasttext"
questions = (root / "src" / "main" / "resources" / "evaluation" / "questions-words.txt").read_text().splitlines()

lines, section = [], None
for n, line in enumerate(questions):
    if line.startswith(":"):
        section = line[1:].strip()
    elif n % 8 == 0:
        lines.append("__label__" + section + " " + line)

with tempfile.TemporaryDirectory() as tmp:
    corpus = Path(tmp) / "train.txt"
    corpus.write_text("\n".join(lines) + "\n")
    subprocess.run(["fasttext", "supervised", "-input", str(corpus), "-output", str(out_dir / "supervised"),
                    "-dim", "8", "-minn", "2", "-maxn", "4", "-wordNgrams", "2", "-bucket", "2000", "-epoch", "5",
                    "-minCount", "1", "-thread", "1", "-seed", "1", "-verbose", "0"], check=True)
(out_dir / "supervised.vec").unlink()

model = fasttext.load_model(str(out_dir / "supervised.bin"))
words = model.words


def floats(v):
    return [float(x) for x in np.asarray(v, dtype=np.float32)]


picks = sorted({0, 1, 2, len(words) // 2, len(words) - 1})
oov = ["zzqx", "Londres", "athens", "naïveté", "x", "capital-common-countries"]
args = model.f.getArgs()
# The same keys as expected.json's entries, so that the same test reads both.
expected = {"supervised.bin": {
    "file": "src/test/resources/fasttext/supervised.bin",
    "dimension": model.get_dimension(), "minn": args.minn, "maxn": args.maxn, "bucket": args.bucket,
    "vocabularySize": len(words), "labels": len(model.labels), "firstWords": words[:5], "lastWord": words[-1],
    "inVocabulary": {words[i]: floats(model.get_word_vector(words[i])) for i in picks},
    "outOfVocabulary": {w: floats(model.get_word_vector(w)) for w in oov if w not in set(words)},
    # fastText gives its end-of-sentence token its own row alone (no n-grams).
    "endOfSentence": floats(model.get_word_vector("</s>")),
}}
(out_dir / "supervised.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")
print("wrote", out_dir / "supervised.bin", len(words), "words,", len(model.labels), "labels", file=sys.stderr)

#!/usr/bin/env python3
"""fastText's own sentence vectors on the repository's fastText models, for FastTextSentencesTests.

Run from the repository root with Debian's fastText Python module (apt-get install python3-fasttext):
    /usr/bin/python3 src/test/python/fasttext_sentences.py
It writes src/test/resources/fasttext/sentences.json: for each model and text, fastText's
get_sentence_vector (the code behind `fasttext print-sentence-vectors`): for a word-vector model
the mean of the unit word vectors of the whitespace-separated words; for a classifier the mean of
the input rows of the text's ids (words, their n-grams, the end of sentence, word n-grams), where
a word `</s>` ends the line (fastText reads no further).
"""
import json
import sys
from pathlib import Path

import fasttext
import numpy as np

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
MODELS = {
    "supervised.bin": "src/test/resources/fasttext/supervised.bin",
    "supervised-pruned.ftz": "src/test/resources/fasttext/supervised-pruned.ftz",
    "crime-and-punishment.bin": "src/test/resources/fixtures/crime-and-punishment.bin",
}
TEXTS = [
    "Athens Greece Baghdad Iraq",
    "athens greece",
    "the quick brown fox",
    "zzqx unknown-word naïveté",
    "__label__capital-common-countries Athens Greece",
    "  Paris \t France  ",
    "Paris, France.",
    "и в на",
    "Раскольников вышел",
    "x",
    "...",
    "",
    "Athens </s> Greece Baghdad",
    "Athens Greece </s>",
    "</s>",
    "Athens </s>Greece",
]
out = {}
for name, path in MODELS.items():
    model = fasttext.load_model(str(root / path))
    out[name] = {"file": path, "supervised": str(model.f.getArgs().model).endswith("supervised"), "wordNgrams": model.f.getArgs().wordNgrams,
                 "texts": {t: [float(x) for x in np.asarray(model.get_sentence_vector(t), dtype=np.float32)]
                           for t in TEXTS}}
target = root / "src/test/resources/fasttext/sentences.json"
target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
print("wrote", target)

#!/usr/bin/env python3
"""Makes the quantised fastText fixtures (.ftz) and fastText's own answers on them.

Run from the repository root, after fasttext_supervised.py, with Debian's fastText and its Python
module (apt-get install fasttext python3-fasttext):
    /usr/bin/python3 src/test/python/fasttext_quantised.py
`fasttext quantize` works on classifiers only; both files come from the classifier fixture
src/test/resources/fasttext/supervised.bin:
- supervised.ftz: quantised as it is (2 columns a part, every n-gram bucket kept);
- supervised-pruned.ftz: `-cutoff 500 -qnorm -dsub 3`: the 500 rows of largest norm kept (words and
  n-grams; the dictionary keeps only the chosen words and maps the kept n-gram buckets to rows),
  norms quantised apart, parts of 3 columns (the last of 2).
gensim refuses .ftz files, so the reference is fastText itself: get_word_vector, the code behind
`fasttext print-word-vectors`, in full float32 precision. It writes both files and quantised.json,
whose entries have supervised.json's keys.
"""
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import fasttext
import numpy as np

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
out_dir = root / "src" / "test" / "resources" / "fasttext"
VARIANTS = {"supervised.ftz": [], "supervised-pruned.ftz": ["-cutoff", "500", "-qnorm", "-dsub", "3"]}


def floats(v):
    return [float(x) for x in np.asarray(v, dtype=np.float32)]


expected = {}
for name, options in VARIANTS.items():
    with tempfile.TemporaryDirectory() as tmp:
        # quantize reads <output>.bin and writes <output>.ftz; -input is read only with -retrain.
        shutil.copy(out_dir / "supervised.bin", Path(tmp) / "model.bin")
        subprocess.run(["fasttext", "quantize", "-input", "/dev/null", "-output", str(Path(tmp) / "model"),
                        "-verbose", "0", *options], check=True)
        shutil.copy(Path(tmp) / "model.ftz", out_dir / name)
    model = fasttext.load_model(str(out_dir / name))
    words = model.words
    args = model.f.getArgs()
    picks = sorted({0, 1, 2, len(words) // 2, len(words) - 1})
    # "Texas" and "Florida" are in both; the others are unknown to the pruned model, some known to the full one.
    probes = ["zzqx", "Londres", "athens", "naïveté", "x", "Athens", "Greece", "Baghdad", "Texas", "Florida"]
    expected[name] = {
        "file": "src/test/resources/fasttext/" + name,
        "dimension": model.get_dimension(), "minn": args.minn, "maxn": args.maxn, "bucket": args.bucket,
        "vocabularySize": len(words), "labels": len(model.labels), "firstWords": words[:5], "lastWord": words[-1],
        "inVocabulary": {w: floats(model.get_word_vector(w))
                         for w in [words[i] for i in picks] + [p for p in probes if p in set(words)]},
        "outOfVocabulary": {w: floats(model.get_word_vector(w)) for w in probes if w not in set(words)},
        "endOfSentence": floats(model.get_word_vector("</s>")),
    }
(out_dir / "quantised.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")
print("wrote", ", ".join(VARIANTS), "and quantised.json", file=sys.stderr)

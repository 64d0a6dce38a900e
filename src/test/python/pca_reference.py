#!/usr/bin/env python3
"""Writes numpy's PCA of a fixture model, for ReduceTests to compare wordvec's reduce against.

Run from the repository root with Debian's gensim and numpy (apt-get install python3-gensim):
    /usr/bin/python3 src/test/python/pca_reference.py
It rewrites src/test/resources/reduction/pca-lee.json: the variances, and some rows of the
model centred and projected on principal components (float64 throughout, numpy.linalg.eigh),
with each component's sign fixed so that its largest entry is positive, as wordvec fixes it.
"""
import json
from pathlib import Path

import numpy as np
from gensim.models import KeyedVectors

root = Path(".")
kv = KeyedVectors.load_word2vec_format(str(root / "src/test/resources/fixtures/lee_fasttext.vec"))
x = kv.vectors.astype(np.float64)
mean = x.mean(axis=0)
centred = x - mean
values, vectors = np.linalg.eigh(centred.T @ centred / len(x))
order = np.argsort(-values)
values, vectors = values[order], vectors[:, order]
for k in range(vectors.shape[1]):
    if vectors[np.argmax(np.abs(vectors[:, k])), k] < 0:
        vectors[:, k] = -vectors[:, k]
rows = [0, 1, 2, 500, 1000, len(x) - 1]
top = 2
without_top = centred - (centred @ vectors[:, :top]) @ vectors[:, :top].T
out = {
    "file": "src/test/resources/fixtures/lee_fasttext.vec",
    "variances": values.tolist(),
    "rows": rows,
    "dim4": {str(r): (centred[r] @ vectors[:, :4]).tolist() for r in rows},
    "top2dim4": {str(r): (centred[r] @ vectors[:, top:top + 4]).tolist() for r in rows},
    "removeTop2": {str(r): without_top[r].tolist() for r in rows},
}
# scikit-learn's PCA gives the same projections: from 1.5 on with these very signs (it flips each
# component so that its largest entry is positive); 1.4 and earlier flip by the projections instead.
try:
    import sklearn
    from sklearn.decomposition import PCA
except ImportError:  # apt-get install python3-sklearn to check
    sklearn = None
if sklearn is not None:
    pca = PCA(n_components=4, svd_solver="full").fit(x)
    flip = np.sign(pca.components_[np.arange(4), np.abs(pca.components_).argmax(axis=1)])
    assert np.abs(pca.transform(x) * flip - centred @ vectors[:, :4]).max() < 1e-9, "scikit-learn differs"
    print("scikit-learn", sklearn.__version__, "agrees")
target = root / "src/test/resources/reduction/pca-lee.json"
target.parent.mkdir(parents=True, exist_ok=True)
target.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", target)

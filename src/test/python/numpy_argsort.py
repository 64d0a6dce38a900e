"""Reference for NumpyArgsortTests: numpy's np.argsort (kind='quicksort', int64) and gensim's
vocabulary order, with ties.

Run with Debian 12's python3-numpy 1.24 and python3-gensim 4.2:
    /usr/bin/python3 src/test/python/numpy_argsort.py src/test/resources/gensim/vocab-order
It writes argsort.json (arrays and numpy's argsort of each), corpus.txt (a seeded corpus whose words
tie in count a lot) and gensim.json (Word2Vec's index_to_key and counts on it, for a few settings).

Random arrays rarely reach numpy's heapsort fallback, so some arrays are built by McIlroy's
adversary ("A killer adversary for quicksort", 1999) against a step-by-step copy of numpy's
introsort below; the script checks that the copy agrees with numpy on every array it writes.
"""
import json
import os
import random
import sys

import numpy as np
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

SMALL = 15  # parts of more than SMALL + 1 elements are partitioned


def argsort(v, on_heapsort=lambda: None):
    """numpy 1.24's aquicksort for one array, with Python's < on its items."""
    n = len(v)
    t = list(range(n))
    if n < 2:
        return t

    def heapsort(low, count):
        on_heapsort()

        def sift(i, count, moving):
            j = i << 1
            while j <= count:
                if j < count and v[t[low + j - 1]] < v[t[low + j]]:
                    j += 1
                if v[moving] < v[t[low + j - 1]]:
                    t[low + i - 1] = t[low + j - 1]
                    i = j
                    j += j
                else:
                    break
            t[low + i - 1] = moving

        for root in range(count >> 1, 0, -1):
            sift(root, count, t[low + root - 1])
        while count > 1:
            moving = t[low + count - 1]
            t[low + count - 1] = t[low]
            count -= 1
            sift(1, count, moving)

    low, high, stack, depth = 0, n - 1, [], 2 * (n.bit_length() - 1)
    while True:
        if depth < 0:
            heapsort(low, high - low + 1)
        else:
            while high - low > SMALL:
                m = low + ((high - low) >> 1)
                if v[t[m]] < v[t[low]]:
                    t[m], t[low] = t[low], t[m]
                if v[t[high]] < v[t[m]]:
                    t[high], t[m] = t[m], t[high]
                if v[t[m]] < v[t[low]]:
                    t[m], t[low] = t[low], t[m]
                pivot = v[t[m]]
                i, j = low, high - 1
                t[m], t[j] = t[j], t[m]
                while True:
                    i += 1
                    while v[t[i]] < pivot:
                        i += 1
                    j -= 1
                    while pivot < v[t[j]]:
                        j -= 1
                    if i >= j:
                        break
                    t[i], t[j] = t[j], t[i]
                t[i], t[high - 1] = t[high - 1], t[i]
                depth -= 1
                if i - low < high - i:
                    stack.append((i + 1, high, depth))
                    high = i - 1
                else:
                    stack.append((low, i - 1, depth))
                    low = i + 1
            for i in range(low + 1, high + 1):
                moving, j = t[i], i
                while j > low and v[moving] < v[t[j - 1]]:
                    t[j] = t[j - 1]
                    j -= 1
                t[j] = moving
        if not stack:
            return t
        low, high, depth = stack.pop()


def adversary(n, ties):
    """McIlroy's adversary: values fixed as the sort compares them, so that pivots are poor."""
    gas = n
    val = [gas] * n
    state = {"solid": 0, "candidate": 0}

    class Item:
        def __init__(self, i):
            self.i = i

        def __lt__(self, other):
            x, y = self.i, other.i
            if val[x] == gas and val[y] == gas:
                frozen = x if x == state["candidate"] else y
                val[frozen] = state["solid"]
                state["solid"] += 1
            if val[x] == gas:
                state["candidate"] = x
            elif val[y] == gas:
                state["candidate"] = y
            return val[x] < val[y]

    argsort([Item(i) for i in range(n)])
    return [x // ties for x in val]


def main(out):
    rnd = random.Random(20261202)
    arrays = []
    for n in (0, 1, 2, 3, 15, 16, 17, 18, 33, 100, 257, 1000):
        for top in (0, 1, 3, 20, 10**6):
            arrays.append([rnd.randint(0, top) for _ in range(n)])
    arrays.append(sorted(rnd.randint(0, 50) for _ in range(500)))
    arrays.append(sorted((rnd.randint(0, 50) for _ in range(500)), reverse=True))
    heapsorts = 0
    for n, ties in ((200, 1), (1000, 1), (1000, 2)):
        arrays.append(adversary(n, ties))
    cases = []
    for a in arrays:
        expected = [int(i) for i in np.argsort(np.array(a, dtype=np.int64))]
        calls = []
        assert argsort(a, lambda: calls.append(1)) == expected, "the copy differs from numpy"
        heapsorts += bool(calls)
        cases.append({"values": a, "argsort": expected})
    assert heapsorts >= 3, "no array reached the heapsort"
    with open(os.path.join(out, "argsort.json"), "w") as f:
        json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))

    # A corpus of 400 words whose counts fall in a few values, in a seeded random order.
    words = ["w%d" % i for i in range(400)]
    tokens = []
    for i, w in enumerate(words):
        tokens += [w] * rnd.choice((1, 1, 2, 2, 3, 5, 8, 8, 13))
    rnd.shuffle(tokens)
    corpus = os.path.join(out, "corpus.txt")
    with open(corpus, "w") as f:
        for at in range(0, len(tokens), 12):
            f.write(" ".join(tokens[at:at + 12]) + "\n")
    results = []
    for min_count, max_final_vocab in ((1, None), (2, None), (1, 150), (3, 100)):
        model = Word2Vec(min_count=min_count, max_final_vocab=max_final_vocab)
        model.build_vocab(LineSentence(corpus))
        results.append({"minCount": min_count, "maxVocab": max_final_vocab or 0,
                        "words": model.wv.index_to_key,
                        "counts": [int(model.wv.get_vecattr(w, "count")) for w in model.wv.index_to_key]})
    with open(os.path.join(out, "gensim.json"), "w") as f:
        json.dump({"gensim": __import__("gensim").__version__, "cases": results}, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""gensim 4 Word2Vec on a corpus, the peer of `wordvec train` (src/test/bench/train-compare.sh).

Usage: train_gensim.py CORPUS OUT --method skipgram|cbow [--seed 1] [--epochs 5] [--workers 2]
         [--dim 100] [--window 5] [--negative 5] [--min-count 5] [--sample 1e-3] [--alpha 0.025]
The options have `wordvec train`'s names and gensim's defaults (vector_size 100, window 5,
negative 5, min_count 5, sample 1e-3, alpha 0.025), which `wordvec train` mirrors. Prints one
JSON line: seconds, raw corpus words per second (as `wordvec train` counts them) and gensim's
effective words/s.
Run with Debian's python3-gensim: /usr/bin/python3.
"""
import argparse, json, logging, time
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

p = argparse.ArgumentParser()
p.add_argument("corpus"); p.add_argument("out")
p.add_argument("--method", choices=["skipgram", "cbow"], required=True)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--epochs", type=int, default=5)
p.add_argument("--workers", type=int, default=2)
p.add_argument("--dim", type=int, default=100)
p.add_argument("--window", type=int, default=5)
p.add_argument("--negative", type=int, default=5)
p.add_argument("--min-count", type=int, default=5)
p.add_argument("--sample", type=float, default=1e-3)
p.add_argument("--alpha", type=float, default=0.025)
a = p.parse_args()

logging.basicConfig(format="%(asctime)s %(message)s", level=logging.WARNING)
sentences = LineSentence(a.corpus)
model = Word2Vec(sg=1 if a.method == "skipgram" else 0, seed=a.seed, workers=a.workers, epochs=a.epochs,
                 vector_size=a.dim, window=a.window, negative=a.negative, min_count=a.min_count,
                 sample=a.sample, alpha=a.alpha)
model.build_vocab(sentences)
started = time.perf_counter()
trained, raw = model.train(sentences, total_examples=model.corpus_count, epochs=a.epochs)
seconds = time.perf_counter() - started
model.wv.save_word2vec_format(a.out)
print(json.dumps({"tool": "gensim", "method": a.method, "seed": a.seed, "seconds": round(seconds, 1),
                  "words_per_second": round(raw / seconds), "effective_words_per_second": round(trained / seconds),
                  "vocabulary": len(model.wv)}))

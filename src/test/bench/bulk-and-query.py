#!/usr/bin/env python3
"""Does a short query wait behind a bulk request? Against a running wordvec: one request of N long
texts (100 words each, from CORPUS) to /v1/embeddings, and meanwhile, every 0.2 s, a one-text query to
the same model; prints the bulk request's time and the queries' median and worst latency.

Usage: src/test/bench/bulk-and-query.py URL MODEL N CORPUS
  e.g. src/test/bench/bulk-and-query.py http://localhost:8080 minilm 1000 corpus.txt
"""
import json
import random
import sys
import threading
import time
import urllib.request

url, model, count, corpus = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
random.seed(1)
with open(corpus, encoding="utf-8") as f:
    words = f.read(2_000_000).split()
texts = [" ".join(random.choice(words) for _ in range(100)) for _ in range(count)]


def post(body):
    start = time.perf_counter()
    request = urllib.request.Request(url + "/v1/embeddings", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()
    return time.perf_counter() - start


bulk = {}
thread = threading.Thread(target=lambda: bulk.update(seconds=post({"model": model, "input": texts})))
thread.start()
time.sleep(1)
latencies = []
while thread.is_alive():
    latencies.append(post({"model": model, "input": "a short query"}))
    time.sleep(0.2)
thread.join()
latencies.sort()
print(f"{model}: {count} texts in {bulk['seconds']:.1f} s; {len(latencies)} queries meanwhile, "
      f"median {latencies[len(latencies) // 2] * 1000:.0f} ms, worst {latencies[-1] * 1000:.0f} ms")

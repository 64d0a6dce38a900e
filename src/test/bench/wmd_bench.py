#!/usr/bin/env python3
"""Word Mover's Distance, wordvec against gensim's wmdistance (with pyemd, as gensim 4.2 runs it).

Called by wmd.sh with a running wordvec service (its pid, for its CPU time), the model file it serves
and a corpus (one sentence a line). Takes PAIRS pairs of documents of each size from the corpus:
sentences (lines of 8 to 40 words) and paragraphs (runs of lines of at least 150 words, cut at
1,000), and for each size prints: gensim's CPU per pair, in process (process time); wordvec's CPU
per request over HTTP with wrk at CONNS connections cycling through the pairs (the service's utime
+ stime over the run, divided by the requests: HTTP and JSON included); and the largest difference
between the two answers, with the exact optimum (scipy's linprog) for the pair that differs most.
"""
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse


from gensim.models import KeyedVectors

url, pid, model_file, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
pairs = int(os.environ.get("PAIRS", "200"))
duration = os.environ.get("DURATION", "15s")
connections = os.environ.get("CONNS", "32")
here = os.path.dirname(os.path.abspath(__file__))
# The exact optimum of the transport problem, computed as the reference script computes it.
sys.path.insert(0, os.path.join(here, "..", "python"))
from gensim_expected import transport_optimum  # noqa: E402
tick = os.sysconf("SC_CLK_TCK")


def server_cpu():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def documents(size):
    with open(corpus, encoding="utf-8") as f:
        lines = (line.lower().split() for line in f)
        if size == "sentences":
            docs = (words for words in lines if 8 <= len(words) <= 40)
        else:
            def blocks():
                block = []
                for words in lines:
                    block += words
                    if len(block) >= 150:
                        yield block[:1000]
                        block = []
            docs = blocks()
        out = []
        for doc in docs:
            out.append(doc)
            if len(out) == 2 * pairs:
                return list(zip(out[0::2], out[1::2]))
    return list(zip(out[0::2], out[1::2]))


# One kept-alive connection, as a sidecar's client holds one: a new connection per request would
# cost the server more than the question.
server = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(server.hostname, server.port)


def ask(words1, words2):
    body = json.dumps({"words1": words1, "words2": words2})
    connection.request("POST", "/word-movers-distance", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    return json.loads(response.read())["distance"]


def wrk_cpu(docs, name):
    bodies = os.path.join(os.environ.get("OUT", "/tmp"), f"wmd-{name}.jsonl")
    with open(bodies, "w") as f:
        for a, b in docs:
            f.write(json.dumps({"words1": a, "words2": b}) + "\n")
    env = dict(os.environ, WRK_BODIES=bodies, WRK_PATH="/word-movers-distance")
    command = ["wrk", "-t2", "-c" + connections, "-d" + duration, "--timeout", "20s", "-s",
               os.path.join(here, "bodies.lua"), url]
    subprocess.run(command[:4] + ["-d5s"] + command[5:], env=env, capture_output=True)  # warm-up
    c = server_cpu()
    out = subprocess.run(command, env=env, capture_output=True, text=True).stdout
    used = server_cpu() - c
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return used / requests, rate


kv = KeyedVectors.load_word2vec_format(model_file)
kv.fill_norms()
for size in ("sentences", "paragraphs"):
    docs = documents(size)
    words = sum(len(a) + len(b) for a, b in docs) / (2 * len(docs))
    for a, b in docs[:5]:  # warm-up
        kv.wmdistance(a, b)
    t = time.process_time()
    expected = [kv.wmdistance(a, b) for a, b in docs]
    gensim_cpu = (time.process_time() - t) / len(docs)
    ours = [ask(a, b) for a, b in docs]
    differences = [(abs(e - o), k) for k, (e, o) in enumerate(zip(expected, ours))
                   if o is not None and e != float("inf")]
    diff, worst = max(differences)
    optimum = transport_optimum(kv, *docs[worst], True)
    wordvec_cpu, rate = wrk_cpu(docs, size)
    print(f"{size}: {len(docs)} pairs, {words:.0f} words a document; CPU per pair: gensim in process "
          f"{gensim_cpu * 1e3:.2f} ms, wordvec over HTTP {wordvec_cpu * 1e3:.2f} ms ({rate:.0f} req/s at "
          f"{connections} connections), gensim / wordvec {gensim_cpu / wordvec_cpu:.2f}x; largest difference "
          f"{diff:.2e} (that pair: gensim {expected[worst]:.8f}, wordvec {ours[worst]:.8f}, "
          f"exact optimum {optimum:.8f})")

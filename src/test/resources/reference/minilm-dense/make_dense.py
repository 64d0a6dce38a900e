"""Writes two sentence-transformers Dense modules for all-MiniLM-L6-v2 and what they give.

sentence-transformers' Dense module is `activation(linear(sentence_embedding))` with torch's
`nn.Linear` (weight [out, in], bias [out]), saved by `Dense.save` as `config.json` and
`model.safetensors`. This script writes two such folders with seeded random weights:

  2_Dense: 384 -> 48, bias, Tanh (as LaBSE and distiluse end)
  3_Dense: 48 -> 16, no bias, Identity (as sentence-T5 ends)

and computes, for the texts of ../minilm/reference.json that carry token vectors (the network's
last hidden state, from Python onnxruntime), what sentence-transformers gives with the modules
Transformer, Pooling (mean), 2_Dense, 3_Dense, Normalize: the mean of the token vectors, through
both layers, scaled to unit length. Neither torch nor sentence-transformers can be installed here
(no PyPI), so the layers are computed with numpy in float64; sentence-transformers computes them in
float32, which differs in the last digits only.

Run from this folder: /usr/bin/python3 make_dense.py
"""
import json
import os
import struct

import numpy as np


def save_safetensors(path, tensors):
    """The safetensors format: an 8-byte little-endian header length, a JSON header, the raw data."""
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def dense(folder, weight, bias, activation):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"in_features": weight.shape[1], "out_features": weight.shape[0], "bias": bias is not None,
                   "activation_function": activation}, f)
    tensors = {"linear.weight": weight}
    if bias is not None:
        tensors["linear.bias"] = bias
    save_safetensors(os.path.join(folder, "model.safetensors"), tensors)


rng = np.random.default_rng(20261202)
w1 = (rng.standard_normal((48, 384)) / np.sqrt(384) * 4).astype(np.float32)
b1 = (rng.standard_normal(48) * 0.1).astype(np.float32)
w2 = (rng.standard_normal((16, 48)) / np.sqrt(48)).astype(np.float32)
dense("2_Dense", w1, b1, "torch.nn.modules.activation.Tanh")
dense("3_Dense", w2, None, "torch.nn.modules.linear.Identity")

with open("../minilm/reference.json") as f:
    reference = json.load(f)
expected = []
for entry in reference["tokens"]:
    hidden = np.array(entry["vectors"], dtype=np.float64)
    pooled = hidden.mean(axis=0)
    h1 = np.tanh(w1.astype(np.float64) @ pooled + b1)
    h2 = w2.astype(np.float64) @ h1
    expected.append({"text": entry["text"], "embedding": (h2 / np.linalg.norm(h2)).tolist()})
with open("expected.json", "w") as f:
    json.dump({"sentences": expected}, f, indent=1)

"""Writes PyTorch checkpoints (torch.save's zip format) for the tests of wordvec's checkpoint reader.

  2_Dense_bin/: 2_Dense's weights (read from its model.safetensors) saved as older
      sentence-transformers saved a Dense module: config.json and pytorch_model.bin
      (torch.save of the state dict {"linear.weight", "linear.bias"}).
  checkpoint-dtypes.bin: small tensors in float32, float64, float16 and bfloat16, one a slice
      of a larger storage, one transposed (not contiguous), with their values in
      checkpoint-dtypes.json, as float32 (torch's own conversion).

Needs Debian's python3-torch (1.13): run from this folder with /usr/bin/python3 make_bin.py
"""
import collections
import json
import os
import shutil
import struct

import torch


def read_safetensors(path):
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[start:end]), dtype=torch.float32).reshape(meta["shape"]).clone()
    return tensors


os.makedirs("2_Dense_bin", exist_ok=True)
shutil.copy("2_Dense/config.json", "2_Dense_bin/config.json")
state = read_safetensors("2_Dense/model.safetensors")
torch.save(collections.OrderedDict(sorted(state.items())), "2_Dense_bin/pytorch_model.bin")

g = torch.Generator().manual_seed(5)
base = torch.randn(10, generator=g)
dtypes = collections.OrderedDict([
    ("f32", torch.randn(2, 3, generator=g)),
    ("f64", torch.randn(4, generator=g, dtype=torch.float64)),
    ("f16", torch.randn(3, generator=g).half()),
    ("bf16", torch.randn(3, generator=g).bfloat16()),
    ("slice", base[4:7]),  # shares base's storage, at offset 4
    ("base", base),
])
torch.save(dtypes, "checkpoint-dtypes.bin")
torch.save({"t": torch.randn(2, 3, generator=g).t()}, "checkpoint-strided.bin")
with open("checkpoint-dtypes.json", "w") as f:
    json.dump({k: {"shape": list(v.shape), "values": v.float().flatten().tolist()} for k, v in dtypes.items()}, f, indent=1)
print("wrote 2_Dense_bin, checkpoint-dtypes.bin, checkpoint-strided.bin, checkpoint-dtypes.json")

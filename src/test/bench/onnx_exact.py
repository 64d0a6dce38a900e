#!/usr/bin/env python3
"""Evaluates an ONNX network with numpy, products and sums in float64, and compares what the
service answered with it: is a difference between two runs of the quantised MiniLM a flaw of one
of them, or the network's own sensitivity?

The quantised network requantises each layer's activations at run time (DynamicQuantizeLinear:
a scale from the tensor's range, then round(x / scale)). A value that lands within float32 noise of
a rounding tie (x / scale = n + 0.5) can round either way in two correct implementations; the flip
changes the next products and, through the next tensor's range, its scale, and spreads from there.
Beside the cosine between the service's vector and the exact one, this counts per text the
activations within TIE quantisation steps of a tie in the exact evaluation: float32 noise of a
few units in the last place (1e-7 relative), at up to 255 steps, is about that much.

Usage: onnx_exact.py MODEL.onnx TEXTS.json    (TEXTS.json: [{"ids": [...], "vector": [...]}, ...],
as src/test/bench/quantised-ties.sh writes it). Needs Debian's python3-onnx, numpy and scipy.
Covers the operators of all-MiniLM-L6-v2's two ONNX files (opset 11), no more.
"""
import json, sys
import numpy as np
import onnx
from onnx import numpy_helper
from scipy.special import erf

TIE = 1e-5

def evaluate(model, ids):
    values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values.update(input_ids=ids, attention_mask=np.ones_like(ids), token_type_ids=np.zeros_like(ids))
    near_ties = 0
    for node in model.graph.node:
        a = {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}
        x = [values[name] if name else None for name in node.input]
        op = node.op_type
        if op == "Constant":
            out = [numpy_helper.to_array(a["value"])]
        elif op == "Unsqueeze":
            out = [np.expand_dims(x[0], tuple(a["axes"]))]
        elif op == "Shape":
            out = [np.array(x[0].shape, np.int64)]
        elif op == "Gather":
            out = [np.take(x[0], x[1], axis=a.get("axis", 0))]
        elif op == "Cast":
            out = [x[0].astype({1: np.float32, 6: np.int32, 7: np.int64}[a["to"]])]
        elif op in ("Add", "Sub", "Mul", "Div"):
            out = [{"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}[op](x[0], x[1])]
        elif op == "Pow":
            out = [np.power(x[0], x[1]).astype(x[0].dtype)]
        elif op == "Sqrt":
            out = [np.sqrt(x[0])]
        elif op == "Erf":
            out = [erf(x[0]).astype(x[0].dtype)]
        elif op == "ReduceMean":
            out = [x[0].mean(axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1)), dtype=np.float64)
                   .astype(x[0].dtype)]
        elif op == "Slice":
            cut = [slice(None)] * x[0].ndim
            axes = x[3] if len(x) > 3 else range(len(x[1]))
            steps = x[4] if len(x) > 4 else [1] * len(x[1])
            for start, end, axis, step in zip(x[1], x[2], axes, steps):
                cut[axis] = slice(int(start), int(min(end, 2 ** 62)), int(step))
            out = [x[0][tuple(cut)]]
        elif op == "Concat":
            out = [np.concatenate(x, axis=a["axis"])]
        elif op == "Reshape":
            out = [x[0].reshape([d if d != 0 else x[0].shape[i] for i, d in enumerate(x[1])])]
        elif op == "Transpose":
            out = [np.transpose(x[0], a["perm"])]
        elif op == "MatMul":
            out = [np.matmul(x[0].astype(np.float64), x[1].astype(np.float64)).astype(np.float32)]
        elif op == "Softmax":
            z = np.exp(x[0].astype(np.float64) - x[0].max(axis=a["axis"], keepdims=True))
            out = [(z / z.sum(axis=a["axis"], keepdims=True)).astype(np.float32)]
        elif op == "DequantizeLinear":
            out = [((x[0].astype(np.int32) - x[2].astype(np.int32)).astype(np.float32) * x[1]).astype(np.float32)]
        elif op == "DynamicQuantizeLinear":
            low, high = min(0.0, float(x[0].min())), max(0.0, float(x[0].max()))
            scale = np.float32((np.float32(high) - np.float32(low)) / np.float32(255))
            zero = np.clip(np.rint(-np.float32(low) / scale), 0, 255)
            steps = x[0] / scale
            near_ties += int((np.abs(steps - np.floor(steps) - 0.5) < TIE).sum())
            out = [np.clip(np.rint(steps) + zero, 0, 255).astype(np.uint8), np.array(scale), np.array(zero, np.uint8)]
        elif op == "MatMulInteger":
            left = x[0].astype(np.int64) - (x[2].astype(np.int64) if len(x) > 2 else 0)
            right = x[1].astype(np.int64) - (x[3].astype(np.int64) if len(x) > 3 else 0)
            out = [np.matmul(left, right).astype(np.int32)]
        else:
            sys.exit(f"operator {op} is not covered")
        values.update(zip(node.output, out))
    return values[model.graph.output[0].name][0], near_ties


def main():
    model = onnx.load(sys.argv[1])
    texts = json.load(open(sys.argv[2]))
    cosines, ties = [], []
    for text in texts:
        hidden, near = evaluate(model, np.array([text["ids"]], np.int64))
        exact = hidden.astype(np.float64).mean(0)
        served = np.array(text["vector"], np.float64)
        cosines.append(float(exact @ served / np.linalg.norm(exact) / np.linalg.norm(served)))
        ties.append(near)
    cosines, ties = np.array(cosines), np.array(ties)
    print(f"{len(texts)} texts: cosine with the exact evaluation below 0.99999 for {int((cosines < 0.99999).sum())}, "
          f"below 0.9999 for {int((cosines < 0.9999).sum())}; worst {cosines.min():.6f}, mean {cosines.mean():.7f}")
    if ties.any():  # a quantised network
        print(f"activations within {TIE:g} quantisation steps of a rounding tie, per text: "
              f"min {int(ties.min())}, median {int(np.median(ties))}, max {int(ties.max())}")


if __name__ == "__main__":
    main()

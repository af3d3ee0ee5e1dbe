#!/usr/bin/env python3
"""Fixtures for Kiln's safetensors tests (Tests/KilnIOTests/SafeTensors*).

Run from anywhere with a Python that has torch, numpy and safetensors (written against torch 2.15,
safetensors 0.8.0):

    python Tests/Fixtures/safetensors/make_fixtures.py

It (re)writes, next to itself:

- `vector.safetensors`: the test vector of FORMATS.md 5.1 (246 bytes).
- `dtypes.safetensors`: one tensor per Kiln dtype (bool, uint8, int32, int64, float16, bfloat16,
  float32, float64) with edge values, plus 0-rank and empty tensors.
- `unsupported_dtype.safetensors`: a valid file holding an int8 tensor (a dtype Kiln does not have).
- `escapes.safetensors`: a tensor name and a metadata value that need JSON escapes (quotes,
  backslashes, control characters) or hold non-ASCII text, to pin the writer's string escaping.
- `empty.safetensors` (no tensors, no metadata) and `empty_metadata.safetensors` (metadata {}).
- `pytorch_net.safetensors`: the state dict of `Net` below after three training-mode forwards (so
  the BatchNorm running statistics and `num_batches_tracked` are not their initial values), saved
  with metadata {"format": "pt"}; `pytorch_net_io.safetensors`: an input `x` [2,3,8,8] and the
  eval-mode output `out` [2,5] of that model.
- `bad/*.safetensors`: malformed files, each checked here to be rejected by the reference reader
  (`safetensors.deserialize`); the Swift tests expect the matching typed error for each.

It prints, as a Swift `enum SafeTensorsReference` block, the values the tests spot-check; paste it
over the block of that name at the end of Tests/KilnIOTests/SafeTensorsTests.swift. The test suite
never runs Python. `check_kiln_file.py` does the reverse check (PyTorch reads what Kiln wrote).
"""
import json
import os
import struct

import torch
import torch.nn as nn
from safetensors import deserialize
from safetensors.torch import save, save_file

HERE = os.path.dirname(os.path.abspath(__file__))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Linear(64, 5)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


def dtype_tensors():
    """The tensors of dtypes.safetensors (check_kiln_file.py compares Kiln's file against these)."""
    return {
        "bool": torch.tensor([True, False, True]),
        "uint8": torch.tensor([[0, 1], [127, 255]], dtype=torch.uint8),
        "int32": torch.tensor([-2147483648, -1, 0, 2147483647], dtype=torch.int32),
        "int64": torch.tensor([-9223372036854775808, -1, 0, 9007199254740993, 9223372036854775807], dtype=torch.int64),
        "float16": torch.tensor([0.0, -0.0, 1.0, -2.5, 65504.0, 5.960464477539063e-08, float("inf")], dtype=torch.float16),
        "bfloat16": torch.tensor([1.0, -2.0, 3.140625, 1.0e38, float("-inf")], dtype=torch.bfloat16),
        "float32": torch.tensor([[0.1, -1.5, 3.4028234663852886e38], [1.0e-45, -0.0, 7.0]], dtype=torch.float32),
        "float64": torch.tensor([1.0 / 3.0, -1.0e300, 5.0e-324], dtype=torch.float64),
        "scalar_f32": torch.tensor(2.5, dtype=torch.float32),
        "scalar_i64": torch.tensor(-7, dtype=torch.int64),
        "empty_f32": torch.zeros((0, 3), dtype=torch.float32),
        "empty_i32": torch.zeros((0,), dtype=torch.int32),
    }


# The Swift test spells these strings with the same escapes.
ESCAPE_METADATA = {"k": 'q"\\ /\x00\x01\x08\t\n\x0b\x0c\r\x1f\x7f\u00e9\u2028\U0001F600'}


def escape_tensors():
    return {'a"b\\c\n': torch.tensor([1.0]), "\u00e9t\u00e9": torch.tensor([2.0])}


def net_and_io():
    torch.manual_seed(0)
    model = Net()
    model.train()
    for _ in range(3):
        model(torch.randn(4, 3, 8, 8))
    model.eval()
    x = torch.randn(2, 3, 8, 8)
    with torch.no_grad():
        out = model(x)
    return model, x, out


def header(data: bytes) -> str:
    n = int.from_bytes(data[:8], "little")
    return data[8:8 + n].decode()


def file_with(header_text, buffer=b"", length=None):
    h = header_text.encode() if isinstance(header_text, str) else header_text
    return struct.pack("<Q", len(h) if length is None else length) + h + buffer


F32_X = '"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}'


def bad_files():
    """name -> bytes; the Swift test maps each name to the error kind it expects."""
    good = file_with("{" + F32_X + "}", b"\0" * 8)
    return {
        "too_short": b"\x10\0\0\0\0",
        "header_cut": good[:20],
        "buffer_cut": good[:-3],
        "header_length_beyond_file": file_with("{}", length=4096),
        "header_length_above_limit": file_with("{}", length=100_000_001),
        "header_length_max_u64": file_with("{}", length=2**64 - 1),
        "invalid_utf8": file_with(b'{"\xff":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', b"\0" * 8),
        "invalid_json": file_with('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}', b"\0" * 8),
        "trailing_garbage": file_with("{" + F32_X + "}x", b"\0" * 8),
        "not_an_object": file_with("[1,2]"),
        "entry_not_an_object": file_with('{"x":[0,8]}', b"\0" * 8),
        "missing_shape": file_with('{"x":{"dtype":"F32","data_offsets":[0,8]}}', b"\0" * 8),
        "offsets_wrong_length": file_with('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8,8]}}', b"\0" * 8),
        "offset_not_integer": file_with('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8.0]}}', b"\0" * 8),
        "negative_offset": file_with('{"x":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}', b"\0" * 8),
        "negative_shape": file_with('{"x":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}', b"\0" * 8),
        "shape_not_integer": file_with('{"x":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}}', b"\0" * 8),
        "huge_shape": file_with('{"x":{"dtype":"F32","shape":[9223372036854775807,4],"data_offsets":[0,8]}}', b"\0" * 8),
        "shape_above_u64": file_with('{"x":{"dtype":"F32","shape":[18446744073709551616],"data_offsets":[0,8]}}', b"\0" * 8),
        "overlap": file_with('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},'
                             '"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}', b"\0" * 12),
        "gap": file_with('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},'
                         '"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}', b"\0" * 20),
        "gap_at_start": file_with('{"x":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}', b"\0" * 12),
        "end_before_begin": file_with('{"x":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}', b"\0" * 8),
        "size_mismatch": file_with('{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', b"\0" * 8),
        "buffer_too_long": file_with("{" + F32_X + "}", b"\0" * 9),
        "unknown_dtype": file_with('{"x":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}', b"\0" * 8),
        "lowercase_dtype": file_with('{"x":{"dtype":"f32","shape":[2],"data_offsets":[0,8]}}', b"\0" * 8),
        "misaligned_f4": file_with('{"x":{"dtype":"F4","shape":[3],"data_offsets":[0,1]}}', b"\0"),
        "duplicate_metadata": file_with('{"__metadata__":{},"__metadata__":{},' + F32_X + "}", b"\0" * 8),
        "metadata_not_string": file_with('{"__metadata__":{"epoch":3},' + F32_X + "}", b"\0" * 8),
        "control_character": file_with('{"a\x01":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', b"\0" * 8),
        "lone_surrogate": file_with('{"\\ud800":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', b"\0" * 8),
        "deep_nesting": file_with('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"extra":'
                                  + "[" * 1000 + "]" * 1000 + "}}", b"\0" * 8),
    }


# Files with duplicate tensor names: the reference reader keeps the last entry (a JSON map); it
# accepts an exact repeat and rejects this one only because the first entry leaves a hole. Kiln
# rejects every duplicate name, so these are checked by the Swift tests alone.
DUPLICATE_NAMES = {
    "duplicate_tensor": file_with('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},'
                                  '"x":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}', b"\0" * 16),
}


def main():
    # FORMATS.md 5.1 test vector.
    vector = save({"w": torch.zeros((2, 3), dtype=torch.float32), "b": torch.zeros(3, dtype=torch.float16),
                   "i": torch.zeros(1, dtype=torch.int64)}, metadata={"format": "pt"})
    assert len(vector) == 246, len(vector)
    assert header(vector) == ('{"__metadata__":{"format":"pt"},"i":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},'
                              '"w":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]},'
                              '"b":{"dtype":"F16","shape":[3],"data_offsets":[32,38]}}    ')
    with open(os.path.join(HERE, "vector.safetensors"), "wb") as f:
        f.write(vector)

    save_file(dtype_tensors(), os.path.join(HERE, "dtypes.safetensors"), metadata={"format": "pt"})
    save_file({"q": torch.tensor([-128, 0, 127], dtype=torch.int8), "w": torch.ones(2)},
              os.path.join(HERE, "unsupported_dtype.safetensors"))

    save_file(escape_tensors(), os.path.join(HERE, "escapes.safetensors"), metadata=ESCAPE_METADATA)
    save_file({}, os.path.join(HERE, "empty.safetensors"))
    save_file({"x": torch.ones(2)}, os.path.join(HERE, "empty_metadata.safetensors"), metadata={})

    model, x, out = net_and_io()
    state = model.state_dict()
    save_file(state, os.path.join(HERE, "pytorch_net.safetensors"), metadata={"format": "pt"})
    save_file({"x": x, "out": out}, os.path.join(HERE, "pytorch_net_io.safetensors"))

    os.makedirs(os.path.join(HERE, "bad"), exist_ok=True)
    for name, data in {**bad_files(), **DUPLICATE_NAMES}.items():
        if name not in DUPLICATE_NAMES:
            try:
                deserialize(data)
            except Exception:
                pass
            else:
                raise AssertionError(f"the reference reader accepts bad/{name}")
        with open(os.path.join(HERE, "bad", name + ".safetensors"), "wb") as f:
            f.write(data)

    def floats(t, n=None):
        values = t.flatten().tolist()
        return ", ".join(repr(v) for v in (values if n is None else values[:n]))

    print("// Generated by Tests/Fixtures/safetensors/make_fixtures.py (torch %s) — do not edit." % torch.__version__)
    print("enum SafeTensorsReference {")
    print("    /// Key, dtype and shape of every tensor in pytorch_net.safetensors, in file order.")
    print("    static let netEntries: [(String, String, [Int])] = [")
    entries = json.loads(header(open(os.path.join(HERE, "pytorch_net.safetensors"), "rb").read()))
    entries.pop("__metadata__")
    for name, info in sorted(entries.items(), key=lambda e: e[1]["data_offsets"]):
        print(f'        ("{name}", "{info["dtype"]}", {list(info["shape"])}),')
    print("    ]")
    print("    static let convWeightFirst: [Float] = [%s]" % floats(state["features.0.weight"], 6))
    print("    static let convBias: [Float] = [%s]" % floats(state["features.0.bias"]))
    print("    static let bnRunningMean: [Float] = [%s]" % floats(state["features.1.running_mean"]))
    print("    static let bnRunningVar: [Float] = [%s]" % floats(state["features.1.running_var"]))
    print("    static let bnNumBatchesTracked: Int64 = %d" % state["features.1.num_batches_tracked"].item())
    print("    static let classifierWeightLast: [Float] = [%s]" % floats(state["classifier.weight"][-1, -4:]))
    print("    static let classifierBias: [Float] = [%s]" % floats(state["classifier.bias"]))
    print("    static let inputFirst: [Float] = [%s]" % floats(x, 4))
    print("    static let output: [Float] = [%s]" % floats(out))
    print("}")


if __name__ == "__main__":
    main()

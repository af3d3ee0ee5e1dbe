#!/usr/bin/env python3
"""Checks that PyTorch reads the safetensors files Kiln writes (the reverse of make_fixtures.py).

    KILN_SAFETENSORS_OUT=/tmp/kiln-st swift test --filter SafeTensors   # Kiln writes its files there
    python Tests/Fixtures/safetensors/check_kiln_file.py /tmp/kiln-st

The Swift tests write, when KILN_SAFETENSORS_OUT is set:

- `pytorch_net.safetensors`: Kiln's re-save of the PyTorch state dict it read; loaded here into
  `Net` with `load_state_dict(strict=True)`, it must give the stored eval output for the stored input.
- `dtypes.safetensors`: the tensors of `dtype_tensors()`, built in Swift from literals; each must
  equal PyTorch's tensor in dtype, shape and bytes.
- `kiln_extra.safetensors`: a transposed (non-contiguous) tensor, which Kiln writes contiguous,
  and metadata with several keys.

Prints one line per file and exits non-zero on the first mismatch.
"""
import os
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file

sys.dont_write_bytecode = True  # keep the fixture folder clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import HERE, Net, dtype_tensors  # noqa: E402


def same_bytes(a, b):
    return (a.dtype == b.dtype and a.shape == b.shape
            and torch.equal(a.contiguous().reshape(-1).view(torch.uint8), b.contiguous().reshape(-1).view(torch.uint8)))


def main(directory):
    state = load_file(os.path.join(directory, "pytorch_net.safetensors"))
    model = Net()
    model.load_state_dict(state, strict=True)
    model.eval()
    io = load_file(os.path.join(HERE, "pytorch_net_io.safetensors"))
    with torch.no_grad():
        out = model(io["x"])
    assert torch.equal(out, io["out"]), (out, io["out"])
    assert state["features.1.num_batches_tracked"].item() == 3
    print("pytorch_net.safetensors: loads into Net (strict) and reproduces the stored output")

    got = load_file(os.path.join(directory, "dtypes.safetensors"))
    expected = dtype_tensors()
    assert sorted(got) == sorted(expected), (sorted(got), sorted(expected))
    for name, tensor in expected.items():
        assert same_bytes(got[name], tensor), (name, got[name], tensor)
    print("dtypes.safetensors: %d tensors equal PyTorch's in dtype, shape and bytes" % len(expected))

    path = os.path.join(directory, "kiln_extra.safetensors")
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata()
        transposed = f.get_tensor("transposed")
    assert metadata == {"format": "pt", "epoch": "3", "name": "kiln"}, metadata
    assert torch.equal(transposed, torch.tensor([[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]])), transposed
    print("kiln_extra.safetensors: metadata and the transposed tensor read back")


if __name__ == "__main__":
    main(sys.argv[1])

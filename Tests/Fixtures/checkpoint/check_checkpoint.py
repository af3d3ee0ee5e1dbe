#!/usr/bin/env python3
"""Checks that PyTorch reads the checkpoint Kiln writes (the reverse of make_checkpoint.py).

    mkdir -p /tmp/kiln-ckpt    # the run directory (Kiln creates only its checkpoints/ folder)
    KILN_CHECKPOINT_OUT=/tmp/kiln-ckpt swift test --filter CheckpointRoundTripTests   # Kiln writes a run there
    python Tests/Fixtures/checkpoint/check_checkpoint.py /tmp/kiln-ckpt

The Swift test trains make_checkpoint.py's model for three Adam steps from `initial.safetensors`
and saves `RUN/checkpoints/epoch-0001`. Here, with the `safetensors` package only:

- `checkpoints/latest` is "epoch-0001\\n" and `index.json` lists it;
- `model.safetensors` (metadata exactly {"format": "pt"}) loads into the PyTorch model with
  `load_state_dict(strict=True)` and matches PyTorch's own three steps to 1e-5;
- `optimizer.safetensors` + `optimizer.json` rebuild an `optimizer.state_dict()` that
  `torch.optim.Adam.load_state_dict` accepts; one more step from Kiln's checkpoint then gives the
  weights of PyTorch's uninterrupted four steps to 1e-5;
- `state.json` is JSON with the epoch, step and loss.

Prints one line per check and exits non-zero on the first mismatch.
"""
import json
import os
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file

sys.dont_write_bytecode = True  # keep the fixture folder clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_checkpoint import HERE, STEPS, make_model, make_optimizer, train  # noqa: E402


def close(a, b, what):
    assert a.keys() == b.keys(), (what, sorted(a), sorted(b))
    for key in a:
        assert torch.allclose(a[key], b[key], rtol=1e-5, atol=1e-6), (what, key, a[key], b[key])


def pytorch_run(steps):
    """PyTorch's model and optimizer after `steps` steps from the fixture's initial weights."""
    model = make_model()
    model.load_state_dict(load_file(os.path.join(HERE, "initial.safetensors")))
    optimizer = make_optimizer(model)
    train(model, optimizer, load_file(os.path.join(HERE, "batch.safetensors")), steps)
    return model, optimizer


def main(run):
    checkpoints = os.path.join(run, "checkpoints")
    with open(os.path.join(checkpoints, "latest")) as f:
        name = f.read()
    assert name == "epoch-0001\n", repr(name)
    with open(os.path.join(checkpoints, "index.json")) as f:
        index = json.load(f)
    assert index == [{"name": "epoch-0001", "step": STEPS, "epoch": 1}], index
    directory = os.path.join(checkpoints, name.strip())
    print("latest and index.json name %s" % directory)

    path = os.path.join(directory, "model.safetensors")
    with safe_open(path, framework="pt") as f:
        assert f.metadata() == {"format": "pt"}, f.metadata()
    model = make_model()
    model.load_state_dict(load_file(path), strict=True)
    reference, reference_optimizer = pytorch_run(STEPS)
    close(model.state_dict(), reference.state_dict(), "model")
    print("model.safetensors: loads strictly and equals PyTorch's %d steps" % STEPS)

    path = os.path.join(directory, "optimizer.safetensors")
    with safe_open(path, framework="pt") as f:
        assert f.metadata() == {"format": "pt"}, f.metadata()
    state = {}
    for key, tensor in load_file(path).items():
        _, index, entry = key.split(".", 2)
        state.setdefault(int(index), {})[entry] = tensor
    with open(os.path.join(directory, "optimizer.json")) as f:
        groups = json.load(f)["param_groups"]
    optimizer = make_optimizer(model)
    optimizer.load_state_dict({"state": state, "param_groups": groups})
    expected = reference_optimizer.state_dict()["state"]
    for i in expected:
        close(optimizer.state_dict()["state"][i], expected[i], "optimizer state %d" % i)
    train(model, optimizer, load_file(os.path.join(HERE, "batch.safetensors")), 1)
    uninterrupted, _ = pytorch_run(STEPS + 1)
    close(model.state_dict(), uninterrupted.state_dict(), "resumed model")
    print("optimizer.safetensors + optimizer.json: Adam loads them and step %d matches PyTorch's" % (STEPS + 1))

    with open(os.path.join(directory, "state.json")) as f:
        progress = json.load(f)
    assert progress["epoch"] == 1 and progress["step"] == STEPS and isinstance(progress["loss"], float), progress
    print("state.json: %s" % json.dumps(progress, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.environ["KILN_CHECKPOINT_OUT"])

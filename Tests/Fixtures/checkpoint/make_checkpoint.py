#!/usr/bin/env python3
"""Fixtures for Kiln's checkpoint tests (Tests/KilnIOTests/Checkpoint/).

Run with a Python that has torch and safetensors (written against torch 2.15, safetensors 0.8.0):

    python Tests/Fixtures/checkpoint/make_checkpoint.py

It (re)writes, next to itself:

- `initial.safetensors`: the initial state dict of `make_model()` (torch.manual_seed(0)) and
  `batch.safetensors`: the fixed inputs `x` [6, 4] and targets `y` [6, 2] it is trained on.
- `pytorch/`: a checkpoint directory in Kiln's layout written by PyTorch after `STEPS` Adam steps
  (`train()`): `model.safetensors` (save_file(model.state_dict(), metadata={"format": "pt"})),
  `optimizer.safetensors` (the optimizer's state tensors as `state.<i>.<name>`, same metadata),
  `optimizer.json` ({"param_groups": optimizer.state_dict()["param_groups"]}) and `state.json`
  (epoch, step and the last loss, indent 2, sorted keys).

The Swift tests read `pytorch/` as a checkpoint, re-save it (the bytes must be PyTorch's) and
retrain from `initial.safetensors` (the result must be PyTorch's to float tolerance).
`check_checkpoint.py` does the reverse: PyTorch loads the checkpoint Kiln wrote.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 3
LR, BETAS, WEIGHT_DECAY = 0.01, (0.9, 0.99), 0.001


def make_model():
    return nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))


def make_optimizer(model):
    return torch.optim.Adam(model.parameters(), lr=LR, betas=BETAS, weight_decay=WEIGHT_DECAY)


def train(model, optimizer, batch, steps):
    """`steps` rounds of zero_grad / mse_loss / backward / step; returns the last loss."""
    loss = None
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.mse_loss(model(batch["x"]), batch["y"])
        loss.backward()
        optimizer.step()
    return loss.item()


def optimizer_tensors(optimizer):
    """PyTorch's optimizer state as Kiln's flat `state.<i>.<name>` tensors."""
    return {f"state.{i}.{name}": value.detach().clone().contiguous()
            for i, entry in optimizer.state_dict()["state"].items() for name, value in entry.items()}


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=2, sort_keys=True)
        f.write("\n")


def main():
    torch.manual_seed(0)
    model = make_model()
    save_file(model.state_dict(), os.path.join(HERE, "initial.safetensors"), metadata={"format": "pt"})
    batch = {"x": torch.randn(6, 4), "y": torch.randn(6, 2)}
    save_file(batch, os.path.join(HERE, "batch.safetensors"))

    optimizer = make_optimizer(model)
    loss = train(model, optimizer, batch, STEPS)
    out = os.path.join(HERE, "pytorch")
    os.makedirs(out, exist_ok=True)
    save_file(model.state_dict(), os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    save_file(optimizer_tensors(optimizer), os.path.join(out, "optimizer.safetensors"), metadata={"format": "pt"})
    write_json(os.path.join(out, "optimizer.json"), {"param_groups": optimizer.state_dict()["param_groups"]})
    write_json(os.path.join(out, "state.json"), {"epoch": 1, "loss": loss, "step": STEPS})
    print("loss after %d steps: %r" % (STEPS, loss))
    # The fixture must round-trip through the reader PyTorch users have.
    assert torch.equal(load_file(os.path.join(out, "model.safetensors"))["2.bias"], model.state_dict()["2.bias"])


if __name__ == "__main__":
    main()

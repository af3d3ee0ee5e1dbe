"""Checks that Kiln's model files and PyTorch's interoperate (issue 5's acceptance):

1. A run trained by `kiln train` (digits MLP): its latest checkpoint's model.safetensors loads
   strictly into the equivalent torch.nn.Sequential, whose softmax outputs equal what
   `kiln predict` wrote, to 1e-5.
2. The `cnn` network built and initialised in PyTorch, saved with safetensors: `kiln predict
   --weights … --model cnn` reproduces PyTorch's outputs to 1e-5.

usage: python check_pytorch_model.py KILN_BINARY WORK_DIR
"""
import json
import os
import subprocess
import sys

import numpy as np
import torch
from safetensors.torch import load_file, save_file

TOLERANCE = 1e-5


def kiln(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"kiln {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def mlp(sizes):
    layers = []
    for k, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if k < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def cnn():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(3136, 128), torch.nn.ReLU(), torch.nn.Dropout(0.25),
        torch.nn.Linear(128, 10))


def compare(name, expected, got):
    if expected.shape != got.shape:
        sys.exit(f"{name}: shapes differ: PyTorch {expected.shape}, Kiln {got.shape}")
    diff = float(np.max(np.abs(expected - got)))
    if not diff <= TOLERANCE:
        sys.exit(f"{name}: Kiln's and PyTorch's probabilities differ by {diff:.3g} (> {TOLERANCE})")
    print(f"{name}: {expected.shape[0]} predictions equal PyTorch's (max difference {diff:.2g})")


def main():
    binary, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    torch.manual_seed(0)

    # 1. Kiln trains, PyTorch loads.
    run = os.path.join(work, "digits-run")
    kiln(binary, "train", "--epochs", "2", "--run-dir", run)
    with open(os.path.join(run, "checkpoints", "latest")) as f:
        checkpoint = os.path.join(run, "checkpoints", f.read().strip())
    weights = load_file(os.path.join(checkpoint, "model.safetensors"))
    sizes = [weights["0.weight"].shape[1]] + [weights[k].shape[0] for k in sorted(
        (k for k in weights if k.endswith(".weight")), key=lambda k: int(k.split(".")[0]))]
    model = mlp(sizes).eval()
    model.load_state_dict(weights, strict=True)
    x = torch.rand(32, sizes[0])
    np.save(os.path.join(work, "digits-x.npy"), x.numpy())
    kiln(binary, "predict", "--checkpoint", checkpoint, "--input", os.path.join(work, "digits-x.npy"),
         "--output", os.path.join(work, "digits-kiln.npy"))
    with torch.no_grad():
        expected = torch.softmax(model(x), dim=1).numpy()
    compare("digits mlp " + ",".join(map(str, sizes)), expected, np.load(os.path.join(work, "digits-kiln.npy")))

    # 2. PyTorch initialises, Kiln loads.
    net = cnn().eval()
    save_file({k: v.contiguous() for k, v in net.state_dict().items()}, os.path.join(work, "cnn.safetensors"),
              metadata={"format": "pt"})
    x = torch.rand(8, 1, 28, 28)
    np.save(os.path.join(work, "cnn-x.npy"), x.numpy())
    kiln(binary, "predict", "--weights", os.path.join(work, "cnn.safetensors"), "--model", "cnn",
         "--input", os.path.join(work, "cnn-x.npy"), "--output", os.path.join(work, "cnn-kiln.npy"))
    with torch.no_grad():
        expected = torch.softmax(net(x), dim=1).numpy()
    compare("cnn", expected, np.load(os.path.join(work, "cnn-kiln.npy")))


if __name__ == "__main__":
    main()

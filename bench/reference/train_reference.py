"""PyTorch reference accuracies for `kiln train`: trains the four configurations of issue 5 with the
same data, splits, models and hyper-parameters as Kiln's defaults and prints one JSON line per
(configuration, seed) with the test accuracy, test loss, epochs and training seconds.

    usage: python bench/reference/train_reference.py [CONFIG...] [--threads 2] [--seeds 0 1 2]
               [--fashion-mnist DIR]    (CONFIG: digits, penguins, fashion-mnist-mlp, fashion-mnist-cnn)
           (no names = all four)

Configurations (every model is PyTorch's default initialisation after torch.manual_seed(seed);
every loader shuffles each epoch with a torch.Generator seeded with `seed`; cross-entropy loss;
Adam with PyTorch's defaults apart from lr; no weight decay, scheduler, clipping or augmentation):

- digits: the bundled UCI digits (Sources/KilnData/Resources/digits.csv.gz; 64 pixel columns 0..16,
  then the label), pixels / 16; stratified 80/20 split (scikit-learn train_test_split,
  test_size=0.2, random_state=seed, stratify=label: 1437 train, 360 test);
  MLP 64-512-256-10 (ReLU), Adam lr 1e-3, batch 32, 30 epochs.
- penguins: Sources/KilnData/Resources/penguins.csv; drop every row with a missing value (333
  rows); target species (3 classes, sorted: Adelie, Chinstrap, Gentoo); features: the four
  measurements (bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g; not the year)
  standard-scaled with mean and population std fitted on the training rows, then island (3) and
  sex (2) one-hot: 9 inputs; stratified 80/20 split as above (266 train, 67 test);
  MLP 9-32-3 (ReLU), Adam lr 1e-3, batch 16, 50 epochs.
- fashion-mnist-mlp: the four gzip IDX files (60,000 train, 10,000 test), pixels / 255 (no mean/std
  normalisation); Flatten, Linear(784,512), ReLU, Linear(512,256), ReLU, Linear(256,10); Adam lr 1e-3,
  batch 128, 10 epochs.
- fashion-mnist-cnn: same data as [N,1,28,28]; Conv2d(1,32,3,p=1), ReLU, MaxPool2d(2),
  Conv2d(32,64,3,p=1), ReLU, MaxPool2d(2), Flatten, Linear(3136,128), ReLU, Dropout(0.25),
  Linear(128,10); Adam lr 1e-3, batch 64, 5 epochs.

The last batch of an epoch is kept even when smaller (drop_last=False). Test figures are computed
once after training, in eval mode, over the whole test split: accuracy as a fraction in [0, 1] and
the mean cross-entropy per sample. `train_seconds` is the wall time of the training epochs alone
(no data loading, no evaluation).
"""
import argparse
import csv
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
RESOURCES = os.path.join(ROOT, "Sources", "KilnData", "Resources")
FASHION_MNIST = os.environ.get("KILN_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def split(x, y, seed):
    from sklearn.model_selection import train_test_split
    return train_test_split(x, y, test_size=0.2, random_state=seed, stratify=y)


def mlp(sizes):
    layers = [nn.Flatten()]
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(3136, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))


def digits_data(seed):
    with gzip.open(os.path.join(RESOURCES, "digits.csv.gz"), "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    x, y = table[:, :64] / 16, table[:, 64].astype(np.int64)
    return split(x, y, seed)


def penguins_data(seed):
    with open(os.path.join(RESOURCES, "penguins.csv"), newline="") as f:
        rows = [r for r in csv.DictReader(f) if all(v not in ("", "NA") for v in r.values())]
    numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    species = sorted({r["species"] for r in rows})
    islands = sorted({r["island"] for r in rows})
    sexes = sorted({r["sex"] for r in rows})
    y = np.array([species.index(r["species"]) for r in rows], dtype=np.int64)
    index = np.arange(len(rows))
    train_index, test_index, y_train, y_test = split(index, y, seed)

    def features(indices, mean=None, std=None):
        values = np.array([[float(rows[i][c]) for c in numeric] for i in indices], dtype=np.float64)
        if mean is None:
            mean, std = values.mean(axis=0), values.std(axis=0)  # population std, as scikit-learn's StandardScaler
        scaled = (values - mean) / std
        onehot = np.array([[rows[i]["island"] == v for v in islands] + [rows[i]["sex"] == v for v in sexes]
                           for i in indices], dtype=np.float64)
        return np.concatenate([scaled, onehot], axis=1).astype(np.float32), mean, std

    x_train, mean, std = features(train_index)
    x_test, _, _ = features(test_index, mean, std)
    return x_train, x_test, y_train, y_test


def read_idx_gz(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def fashion_mnist_data(root):
    def part(prefix):
        images = read_idx_gz(os.path.join(root, f"{prefix}-images-idx3-ubyte.gz"))
        labels = read_idx_gz(os.path.join(root, f"{prefix}-labels-idx1-ubyte.gz"))
        return torch.from_numpy(images.copy()).float().div_(255).unsqueeze(1), torch.from_numpy(labels.astype(np.int64))
    (x_train, y_train), (x_test, y_test) = part("train"), part("t10k")
    return x_train, x_test, y_train, y_test


def train_and_test(name, seed, data, model, lr, batch_size, epochs, threads):
    x_train, x_test, y_train, y_test = (torch.as_tensor(a) for a in data)
    dataset = torch.utils.data.TensorDataset(x_train, y_train)
    generator = torch.Generator().manual_seed(seed)
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=generator)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    start = time.perf_counter()
    for _ in range(epochs):
        for x, y in loader:
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        correct, loss = 0, 0.0
        for i in range(0, len(x_test), 1000):
            logits = model(x_test[i:i + 1000])
            loss += F.cross_entropy(logits, y_test[i:i + 1000], reduction="sum").item()
            correct += (logits.argmax(dim=1) == y_test[i:i + 1000]).sum().item()
    return {"config": name, "impl": "pytorch", "torch": torch.__version__, "threads": threads, "seed": seed,
            "train_size": len(x_train), "test_size": len(x_test), "epochs": epochs, "batch_size": batch_size,
            "lr": lr, "test_accuracy": round(correct / len(x_test), 6), "test_loss": round(loss / len(x_test), 6),
            "train_seconds": round(seconds, 3)}


def run(name, seed, threads, fashion_root):
    torch.manual_seed(seed)
    if name == "digits":
        data = digits_data(seed)
        torch.manual_seed(seed)
        return train_and_test(name, seed, data, mlp([64, 512, 256, 10]), 1e-3, 32, 30, threads)
    if name == "penguins":
        data = penguins_data(seed)
        torch.manual_seed(seed)
        return train_and_test(name, seed, data, mlp([data[0].shape[1], 32, 3]), 1e-3, 16, 50, threads)
    data = fashion_mnist_data(fashion_root)
    torch.manual_seed(seed)
    if name == "fashion-mnist-mlp":
        return train_and_test(name, seed, data, mlp([784, 512, 256, 10]), 1e-3, 128, 10, threads)
    return train_and_test(name, seed, data, cnn(), 1e-3, 64, 5, threads)


CONFIGS = ["digits", "penguins", "fashion-mnist-mlp", "fashion-mnist-cnn"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("configs", nargs="*", help=f"any of {', '.join(CONFIGS)} (default: all)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--fashion-mnist", default=FASHION_MNIST)
    args = parser.parse_args()
    unknown = [c for c in args.configs if c not in CONFIGS]
    if unknown:
        parser.error(f"unknown configuration(s): {', '.join(unknown)}; known: {', '.join(CONFIGS)}")
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    for name in args.configs or CONFIGS:
        for seed in args.seeds:
            print(json.dumps(run(name, seed, args.threads, args.fashion_mnist), separators=(",", ":")), flush=True)


if __name__ == "__main__":
    sys.exit(main())

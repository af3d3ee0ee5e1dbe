"""Reference literals for Tests/KilnDataTests (loader and datasets), printed by PyTorch 2.15.

Run with the reference interpreter: /tmp/kiln-ref/bin/python make_loader_literals.py
The Swift tests hold the printed values as literals.
"""
import torch
from torch.utils.data import random_split, DataLoader, TensorDataset

# random_split with fractions: the part sizes (floor of each fraction, then the remainder one
# each to the parts in order). The permutation itself depends on the generator, so only the
# sizes are compared.
cases = [
    (10, [0.7, 0.3]),
    (11, [0.5, 0.5]),
    (10, [0.33, 0.33, 0.34]),
    (7, [0.2, 0.2, 0.2, 0.2, 0.2]),
    (100, [0.8, 0.1, 0.1]),
    (3, [0.5, 0.5]),
    (0, [0.6, 0.4]),
]
for n, fractions in cases:
    parts = random_split(range(n), fractions, generator=torch.Generator().manual_seed(0))
    print(f"randomSplit count {n} fractions {fractions}: lengths {[len(p) for p in parts]}")

# len(DataLoader) with and without drop_last.
for n, batch in [(10, 3), (9, 3), (0, 4), (5, 8)]:
    ds = TensorDataset(torch.arange(n))
    print(f"len(DataLoader) n {n} batch {batch}: {len(DataLoader(ds, batch_size=batch))}, "
          f"drop_last {len(DataLoader(ds, batch_size=batch, drop_last=True))}")

# default_collate: the dtypes Python ints, floats and bools become, and the batch of a pair.
from torch.utils.data import default_collate
print("collate ints:", default_collate([1, 2, 3]).dtype)
print("collate floats:", default_collate([1.5, 2.5]).dtype)
print("collate bools:", default_collate([True, False]).dtype)
pair = default_collate([(torch.tensor([1., 2.]), 0), (torch.tensor([3., 4.]), 1)])
print("collate pairs:", pair[0].tolist(), pair[1].tolist(), pair[1].dtype)

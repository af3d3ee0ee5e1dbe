"""PyTorch (CPU) reference for `kiln bench`: prints the same JSON as Kiln, one object per workload
per line.

    usage: python bench/reference/torch_bench.py [gemm] [op-overhead] [conv2d] [elementwise]
                [mlp-train-step] [cnn-train-step] [augment-throughput] [loader-stall]
                [fashion-mnist-mlp-epoch] [fashion-mnist-cnn-epoch]   (no names = all)

Threads come from KILN_NUM_THREADS (default: the number of usable cores), exactly as Kiln reads it,
so both sides of a comparison run on the same number of threads.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def thread_count():
    # Same rule as Kiln's ThreadPool: a positive integer in KILN_NUM_THREADS, else usable cores.
    try:
        n = int(os.environ.get("KILN_NUM_THREADS", "").strip())
        if n > 0:
            return n
    except ValueError:
        pass
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def seconds_per_call(fn, min_sample_s=0.02, samples=5, min_calls=1):
    """Median seconds per call of `fn`.

    Each sample repeats `fn` at least `min_calls` times and long enough to last `min_sample_s`, so
    timer resolution and Python loop overhead stay negligible; the median ignores stray slow
    samples (scheduler noise, page faults) that a mean would absorb.
    """
    for _ in range(3):  # warm-up: first calls pay for kernel selection, thread start-up, allocator
        fn()
    calls = min_calls
    while True:  # find an inner loop count that reaches min_sample_s
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_sample_s:
            break
        calls = max(calls * 2, int(calls * 1.2 * min_sample_s / max(elapsed, 1e-9)))
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def sig(x, digits=4):
    # Keep the JSON readable: four significant digits is well inside run-to-run noise.
    return float(f"{x:.{digits}g}")


def randn(*shape, requires_grad=False):
    return torch.randn(*shape, dtype=torch.float32, requires_grad=requires_grad)


def backend():
    # Which BLAS and vector ISA PyTorch dispatches to decides the gemm figures; record them so a
    # surprising number can be traced (the CPU wheel links MKL statically, threadpoolctl can't see it).
    blas = next((kv.split("=", 1)[1] for kv in torch.__config__.show().replace(",", " ").split()
                 if kv.startswith("BLAS_INFO=")), "unknown")
    return {"torch": torch.__version__, "blas": blas,
            "cpu_capability": torch.backends.cpu.get_cpu_capability()}


def gemm(threads):
    results = []
    for n in (64, 256, 512, 1024, 2048):
        a, b = randn(n, n), randn(n, n)
        c = torch.empty(n, n)  # out= keeps allocation out of the timing
        s = seconds_per_call(lambda: torch.matmul(a, b, out=c))
        results.append({"n": n, "gflops": sig(2 * n**3 / s / 1e9), "ms": sig(s * 1e3)})
    return {"bench": "gemm", "impl": "pytorch", "threads": threads, "dtype": "float32",
            "backend": backend(), "results": results}


def op_overhead(threads):
    # Per-op cost on tensors so small that dispatch, allocation of the result and (with grad)
    # recording the autograd node dominate; the result is dropped each call, as in a real loop.
    cases = {
        "add-1000": (lambda x, y: x + y, (1000,)),
        "matmul-64": (lambda x, y: x @ y, (64, 64)),
    }
    results = []
    for case, (op, shape) in cases.items():
        for grad in (False, True):
            a, b = randn(*shape, requires_grad=grad), randn(*shape, requires_grad=grad)
            s = seconds_per_call(lambda: op(a, b), min_sample_s=0.05, samples=7, min_calls=10_000)
            results.append({"case": case, "grad": grad, "ns_per_call": sig(s * 1e9)})
    return {"bench": "op-overhead", "impl": "pytorch", "threads": threads, "results": results}


def conv2d(threads):
    x = randn(64, 32, 14, 14, requires_grad=True)
    w = randn(64, 32, 3, 3, requires_grad=True)
    bias = randn(64, requires_grad=True)

    def forward():
        with torch.no_grad():
            F.conv2d(x, w, bias, stride=1, padding=1)

    def forward_backward():
        # Drop the previous grads so every iteration writes fresh ones instead of accumulating.
        x.grad = w.grad = bias.grad = None
        F.conv2d(x, w, bias, stride=1, padding=1).sum().backward()

    results = [
        {"case": case, "ms": sig(seconds_per_call(fn, samples=10) * 1e3)}
        for case, fn in (("forward", forward), ("forward-backward", forward_backward))
    ]
    return {"bench": "conv2d", "impl": "pytorch", "threads": threads, "results": results}


def elementwise(threads):
    # Throughput of large elementwise kernels (2^20 float32 elements): memory-bound arithmetic and
    # the transcendental functions models use; the result is allocated each call, as in Kiln.
    x, y = randn(1 << 20), randn(1 << 20)
    cases = (("add", lambda: x + y), ("mul-scalar", lambda: x * 0.5), ("relu", lambda: torch.relu(x)),
             ("exp", lambda: torch.exp(x)), ("sigmoid", lambda: torch.sigmoid(x)))
    results = [{"case": case, "ms": sig(seconds_per_call(fn) * 1e3)} for case, fn in cases]
    return {"bench": "elementwise", "impl": "pytorch", "threads": threads, "results": results}


def train_step_ms(model, optimizer, x, y):
    """Median ms of one training step on a fixed in-memory batch: zero_grad, forward,
    cross-entropy, backward, optimizer step (PyTorch's default single-tensor CPU optimizers)."""
    def step():
        optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        optimizer.step()
    return sig(seconds_per_call(step, min_sample_s=0.2, samples=7) * 1e3)


def mlp_train_step(threads):
    # 784-512-256-10 ReLU MLP, batch 128, as `kiln bench mlp-train-step`.
    results = []
    x, y = randn(128, 784), torch.randint(0, 10, (128,))
    for case in ("sgd-momentum", "adam"):
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 256),
                                    torch.nn.ReLU(), torch.nn.Linear(256, 10))
        optimizer = (torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9) if case == "sgd-momentum"
                     else torch.optim.Adam(model.parameters(), lr=1e-3))
        results.append({"case": case, "ms": train_step_ms(model, optimizer, x, y)})
    return {"bench": "mlp-train-step", "impl": "pytorch", "threads": threads, "results": results}


def cnn_train_step(threads):
    # The Fashion-MNIST CNN of `kiln bench cnn-train-step`, batch 64, Adam, dropout active.
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(3136, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
    results = [{"case": "adam", "ms": train_step_ms(model, optimizer, x, y)}]
    return {"bench": "cnn-train-step", "impl": "pytorch", "threads": threads, "results": results}


class FashionMNISTImages(torch.utils.data.Dataset):
    """Fashion-MNIST training images held as uint8 in memory, served as torchvision's FashionMNIST
    serves them (a PIL image per sample, then the transform)."""

    def __init__(self, transform):
        from numpy_bench import FASHION_MNIST, read_idx_gz
        self.images = torch.from_numpy(read_idx_gz(os.path.join(FASHION_MNIST, "train-images-idx3-ubyte.gz")).copy())
        self.labels = torch.from_numpy(read_idx_gz(os.path.join(FASHION_MNIST, "train-labels-idx1-ubyte.gz")).astype("int64"))
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        from PIL import Image
        return self.transform(Image.fromarray(self.images[i].numpy(), mode="L")), int(self.labels[i])


def augment_throughput(threads):
    # RandomCrop(28, padding 4) + RandomHorizontalFlip + ToTensor + Normalize per image, batch 128,
    # one epoch through torch's DataLoader with 0 and 2 worker processes; images per second.
    import torchvision.transforms as T
    transform = T.Compose([T.RandomCrop(28, padding=4), T.RandomHorizontalFlip(), T.ToTensor(),
                           T.Normalize((0.2860,), (0.3530,))])
    dataset = FashionMNISTImages(transform)
    results = []
    for workers in (0, 2):
        loader = torch.utils.data.DataLoader(dataset, batch_size=128, shuffle=True, num_workers=workers,
                                             persistent_workers=False)
        start = time.perf_counter()
        n = 0
        for x, y in loader:
            n += len(x)
        seconds = time.perf_counter() - start
        results.append({"case": f"workers={workers}", "images_per_s": sig(n / seconds), "s": sig(seconds)})
    return {"bench": "augment-throughput", "impl": "pytorch", "threads": threads, "results": results}


def loader_stall(threads):
    # One epoch of the MLP train step (Adam) on augmented Fashion-MNIST batches from torch's
    # DataLoader, with the time the loop spent waiting for batches, as `kiln bench loader-stall`.
    import torchvision.transforms as T
    transform = T.Compose([T.RandomCrop(28, padding=4), T.RandomHorizontalFlip(), T.ToTensor(),
                           T.Normalize((0.2860,), (0.3530,))])
    dataset = FashionMNISTImages(transform)
    results = []
    for workers in (0, 2):
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 512), torch.nn.ReLU(),
                                    torch.nn.Linear(512, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        loader = torch.utils.data.DataLoader(dataset, batch_size=128, shuffle=True, num_workers=workers)
        start = time.perf_counter()
        waiting = 0.0
        batches = iter(loader)
        while True:
            t0 = time.perf_counter()
            try:
                x, y = next(batches)
            except StopIteration:
                break
            waiting += time.perf_counter() - t0
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        seconds = time.perf_counter() - start
        results.append({"case": f"workers={workers}", "epoch_s": sig(seconds), "waiting_s": sig(waiting),
                        "waiting_fraction": sig(waiting / seconds)})
    return {"bench": "loader-stall", "impl": "pytorch", "threads": threads, "results": results}


def rss_mib():
    # Resident memory now (Linux /proc/self/statm), as Kiln's `residentMemoryBytes`.
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def epoch(bench, threads, model_fn, batch_size):
    """One shuffled training epoch from the gzip files on disk, the usual PyTorch way without
    torchvision's download: decode with gzip + NumPy, make one float tensor of all images / 255
    ([N, 1, 28, 28]), TensorDataset + DataLoader, Adam lr 1e-3, zero_grad / forward /
    cross-entropy / backward / step. Peak memory is the process's (ru_maxrss, = Linux VmHWM), so
    run this workload alone in its process."""
    import resource
    from numpy_bench import FASHION_MNIST, read_idx_gz
    before = rss_mib()
    start = time.perf_counter()
    try:
        images = read_idx_gz(os.path.join(FASHION_MNIST, "train-images-idx3-ubyte.gz"))
        labels = read_idx_gz(os.path.join(FASHION_MNIST, "train-labels-idx1-ubyte.gz"))
    except FileNotFoundError as error:  # as Kiln: say why instead of figures
        return {"bench": bench, "impl": "pytorch", "threads": threads, "skipped": str(error), "results": []}
    x = torch.tensor(images, dtype=torch.float32).div_(255).unsqueeze(1)
    y = torch.from_numpy(labels.astype("int64"))
    del images, labels
    peak_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    generator = torch.Generator().manual_seed(0)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=batch_size,
                                         shuffle=True, generator=generator)
    torch.manual_seed(0)
    model = model_fn()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    epoch_start = time.perf_counter()
    loss_sum, batches = 0.0, 0
    for xb, yb in loader:
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        optimizer.step()
        loss_sum += loss.item()
        batches += 1
    end = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"bench": bench, "impl": "pytorch", "threads": threads, "batch_size": batch_size, "batches": batches,
            "mean_loss": sig(loss_sum / batches), "rss_at_start_mib": sig(before),
            "peak_rss_after_load_mib": sig(peak_after_load),
            "results": [{"case": "load+epoch", "s": sig(end - start)}, {"case": "epoch", "s": sig(end - epoch_start)},
                        {"case": "peak-rss", "mib": sig(peak)}]}


def fashion_mnist_mlp_epoch(threads):
    # The 784-512-256-10 MLP, batch 128, as `kiln bench fashion-mnist-mlp-epoch`.
    nn = torch.nn
    return epoch("fashion-mnist-mlp-epoch", threads,
                 lambda: nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                                       nn.Linear(256, 10)), 128)


def fashion_mnist_cnn_epoch(threads):
    # The CNN of cnn-train-step (dropout active), batch 64, as `kiln bench fashion-mnist-cnn-epoch`.
    nn = torch.nn
    return epoch("fashion-mnist-cnn-epoch", threads,
                 lambda: nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                       nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                                       nn.Linear(3136, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 10)), 64)


WORKLOADS = {"gemm": gemm, "op-overhead": op_overhead, "conv2d": conv2d, "elementwise": elementwise,
             "mlp-train-step": mlp_train_step, "cnn-train-step": cnn_train_step,
             "augment-throughput": augment_throughput, "loader-stall": loader_stall,
             "fashion-mnist-mlp-epoch": fashion_mnist_mlp_epoch, "fashion-mnist-cnn-epoch": fashion_mnist_cnn_epoch}


def main(names):
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        sys.exit(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(WORKLOADS)}")
    threads = thread_count()
    torch.set_num_threads(threads)
    # Kiln runs one op at a time; a single inter-op thread keeps PyTorch from overlapping ops.
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    for name in names or WORKLOADS:
        print(json.dumps(WORKLOADS[name](threads), separators=(",", ":")), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

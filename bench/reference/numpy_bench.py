"""NumPy reference for `kiln bench`: prints the same JSON as Kiln, one object per workload per line.

    usage: python bench/reference/numpy_bench.py [gemm] [fashion-mnist-load]   (no names = all workloads)

Threads come from KILN_NUM_THREADS (default: the number of usable cores), exactly as Kiln reads it,
so both sides of a comparison run on the same number of threads.
"""
import json
import os
import statistics
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits


def thread_count():
    # Same rule as Kiln's ThreadPool: a positive integer in KILN_NUM_THREADS, else usable cores.
    try:
        n = int(os.environ.get("KILN_NUM_THREADS", "").strip())
        if n > 0:
            return n
    except ValueError:
        pass
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def seconds_per_call(fn, min_sample_s=0.02, samples=5):
    """Median seconds per call of `fn`.

    Each sample repeats `fn` often enough to last `min_sample_s`, so timer resolution and loop
    overhead stay negligible for tiny workloads; the median ignores stray slow samples
    (scheduler noise, page faults) that a mean would absorb.
    """
    for _ in range(3):  # warm-up: first calls pay for lazy BLAS init, thread start-up, page faults
        fn()
    calls = 1
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


def blas_info():
    # Which BLAS numpy really calls (and with how many threads) decides the gemm figures;
    # record it so a surprising number can be traced to e.g. a generic OpenBLAS kernel.
    return [
        {k: lib.get(k) for k in ("internal_api", "version", "architecture", "threading_layer", "num_threads")}
        for lib in threadpool_info()
        if lib.get("user_api") == "blas"
    ]


def gemm(threads):
    rng = np.random.default_rng(0)
    results = []
    for n in (64, 256, 512, 1024, 2048):
        a = rng.standard_normal((n, n), dtype=np.float32)
        b = rng.standard_normal((n, n), dtype=np.float32)
        c = np.empty((n, n), dtype=np.float32)  # out= keeps allocation out of the timing
        s = seconds_per_call(lambda: np.matmul(a, b, out=c))
        results.append({"n": n, "gflops": sig(2 * n**3 / s / 1e9), "ms": sig(s * 1e3)})
    return {"bench": "gemm", "impl": "numpy", "threads": threads, "dtype": "float32",
            "blas": blas_info(), "results": results}


FASHION_MNIST = os.environ.get("KILN_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def read_idx_gz(path):
    """An IDX file (gzip) as a NumPy array: the usual gzip.open + np.frombuffer reader."""
    import gzip
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def fashion_mnist_load(threads):
    # Decoding the four gzip IDX files of Fashion-MNIST into arrays, as `kiln bench fashion-mnist-load`.
    names = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    paths = [os.path.join(FASHION_MNIST, n) for n in names]
    s = seconds_per_call(lambda: [read_idx_gz(p) for p in paths], min_sample_s=0.5, samples=5)
    return {"bench": "fashion-mnist-load", "impl": "numpy", "threads": threads,
            "results": [{"case": "train+test", "ms": sig(s * 1e3)}]}


WORKLOADS = {"gemm": gemm, "fashion-mnist-load": fashion_mnist_load}


def main(names):
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        sys.exit(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(WORKLOADS)}")
    threads = thread_count()
    forced = [v for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if v in os.environ]
    if forced:  # these override OpenBLAS's CPU detection; stderr keeps stdout pure JSON
        print(f"warning: {', '.join(forced)} set; figures may not reflect this CPU's best kernel "
              "(run under `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`)", file=sys.stderr)
    # threadpool_limits caps the BLAS pool at run time, whatever OPENBLAS_NUM_THREADS etc. say.
    with threadpool_limits(limits=threads):
        for name in names or WORKLOADS:
            print(json.dumps(WORKLOADS[name](threads), separators=(",", ":")), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

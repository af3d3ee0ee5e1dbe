#!/usr/bin/env python3
"""Checks that NumPy (and Python's zipfile) read the files Kiln writes.

    KILN_NUMPY_OUT=/tmp/kiln-npy swift test --filter NumPyTests/writesArchives
    python Tests/Fixtures/npy/check_kiln_files.py /tmp/kiln-npy

The Swift test writes kiln_float64.npy and four archives (stored, deflated, and both with zip64
records forced) holding the arrays below; this loads each with np.load(allow_pickle=False), tests
every member's CRC with zipfile.testzip, and compares the values.
"""
import sys
import zipfile

import numpy as np

EXPECTED = {
    "x": np.array([[1.5, -2.25, 3.0], [0.125, -1024.0, 7.75]], dtype=np.float32),
    "y": np.arange(5, dtype=np.int64),
    "flag": np.array(True),
    "empty": np.zeros((2, 0), np.int32),
    "nested/name é": np.array([7, 8], np.uint8),
}


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)


def main(directory):
    f64 = np.load(f"{directory}/kiln_float64.npy", allow_pickle=False)
    assert same(f64, np.array([[1e-300, -2.5, 3.0], [0.1, 1e300, -7.75]])), f64
    for name in ["kiln_stored", "kiln_compressed", "kiln_zip64", "kiln_zip64_compressed"]:
        path = f"{directory}/{name}.npz"
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None, f"{path}: a member fails its CRC"
        with np.load(path, allow_pickle=False) as arrays:
            assert sorted(arrays.files) == sorted(EXPECTED), arrays.files
            for key, value in EXPECTED.items():
                assert same(arrays[key], value), (path, key, arrays[key])
        print(f"{name}.npz: numpy reads all {len(EXPECTED)} arrays")
    print("kiln_float64.npy: numpy reads it")


if __name__ == "__main__":
    main(sys.argv[1])

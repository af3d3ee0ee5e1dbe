#!/usr/bin/env python3
"""Fixtures for Kiln's NumPy tests (Tests/KilnIOTests/NumPy*).

Run with a Python that has numpy (written against numpy 2.4.6):

    python Tests/Fixtures/npy/make_fixtures.py

It (re)writes, next to itself:

- `vector.npy`: the FORMATS.md 5.6 test vector, np.save(np.zeros((2, 3), '<f4')) (152 bytes).
- `dtypes/<name>.npy`: one C-order 2x3 array per dtype Kiln reads (bool, uint8, int32, int64,
  float16, float32, float64) with the values in VALUES below, written by np.save; Kiln must read
  the values and write the same bytes back.
- `shapes/<name>.npy`: a 0-d float64, a 1-d int64 (3,), empty float32 (0,) and int64 (2, 0, 3),
  (12345,) uint8 zeros (a 5-digit first axis, which shortens NumPy's growth padding) and a
  14-d uint8 array whose header lands exactly on a 64-byte boundary before padding (NumPy then
  pads 64 more), each byte-checked against Kiln's writer too.
- `order/*.npy`: big-endian (`>f4`, `>i8`, `>f8`, `>i4`, `>f2`), Fortran-order 2x3 float32 and
  2x3x4 int32, and the same arrays written with format versions 2.0 and 3.0.
- `archive_stored.npz` (np.savez) and `archive_compressed.npz` (np.savez_compressed) holding
  x = VALUES['float32'], y = arange(5) int64, flag = True (0-d bool).
- `unsupported/*.npy`: valid NumPy files of dtypes Kiln does not have (|i1, <i2, <u2, <u4, <c8,
  <U3, a structured dtype) and an object array (pickled); Kiln must refuse each with a typed error.
- `bad/*`: malformed files (listed in BAD below with what is wrong), each checked here to be
  rejected by np.load (allow_pickle=False); the Swift tests expect the matching typed error.

The test suite never runs Python; `check_kiln_files.py` does the reverse check (NumPy reads what
Kiln wrote).
"""
import io
import os
import shutil
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

# The values the Swift tests check (Tests/KilnIOTests/NumPyTests.swift holds the same literals).
VALUES = {
    "bool": np.array([[True, False, True], [False, False, True]]),
    "uint8": np.array([[0, 1, 127], [128, 200, 255]], dtype=np.uint8),
    "int32": np.array([[0, -1, 2147483647], [-2147483648, 42, -7]], dtype=np.int32),
    "int64": np.array([[0, -1, 9223372036854775807], [-9223372036854775808, 42, -7]], dtype=np.int64),
    "float16": np.array([[0.5, -1.25, 65504.0], [0.0009765625, -0.0, 3.0]], dtype=np.float16),
    "float32": np.array([[1.5, -2.25, 3.0], [0.125, -1024.0, 7.75]], dtype=np.float32),
    "float64": np.array([[1e-300, -2.5, 3.0], [0.1, 1e300, -7.75]], dtype=np.float64),
}


def path(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def save_version(name, array, version):
    with open(path(*name.split("/")), "wb") as f:
        np.lib.format.write_array(f, array, version=version)


def main():
    for sub in ["dtypes", "shapes", "order", "unsupported", "bad"]:
        shutil.rmtree(os.path.join(HERE, sub), ignore_errors=True)

    np.save(path("vector.npy"), np.zeros((2, 3), "<f4"))
    vector = open(path("vector.npy"), "rb").read()
    assert len(vector) == 152 and vector[:10] == bytes.fromhex("934e554d505901007600"), vector[:10]

    for name, array in VALUES.items():
        np.save(path("dtypes", name + ".npy"), array)

    np.save(path("shapes", "scalar_f8.npy"), np.array(2.5))
    np.save(path("shapes", "vector_i8.npy"), np.array([3, -4, 5], dtype=np.int64))
    np.save(path("shapes", "empty_f4.npy"), np.zeros((0,), np.float32))
    np.save(path("shapes", "empty_2x0x3_i8.npy"), np.zeros((2, 0, 3), np.int64))
    np.save(path("shapes", "long_u1.npy"), np.zeros((12345,), np.uint8))
    # Magic, length, dict and growth padding fill exactly 128 bytes here, so NumPy pads a whole
    # 64 more: one space less of growth padding would give a 128-byte header instead of 192.
    boundary = (3, 10, 10) + (1,) * 11
    np.save(path("shapes", "boundary_u1.npy"), np.zeros(boundary, np.uint8))
    assert len(open(path("shapes", "boundary_u1.npy"), "rb").read()) == 192 + 300

    np.save(path("order", "big_f4.npy"), VALUES["float32"].astype(">f4"))
    np.save(path("order", "big_i8.npy"), VALUES["int64"].astype(">i8"))
    np.save(path("order", "big_f8.npy"), VALUES["float64"].astype(">f8"))
    np.save(path("order", "big_i4.npy"), VALUES["int32"].astype(">i4"))
    np.save(path("order", "big_f2.npy"), VALUES["float16"].astype(">f2"))
    np.save(path("order", "fortran_f4.npy"), np.asfortranarray(VALUES["float32"]))
    cube = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
    np.save(path("order", "fortran_2x3x4_i4.npy"), np.asfortranarray(cube))
    assert open(path("order", "fortran_2x3x4_i4.npy"), "rb").read().find(b"'fortran_order': True") > 0
    save_version("order/v2_f4.npy", VALUES["float32"], (2, 0))
    save_version("order/v3_f4.npy", VALUES["float32"], (3, 0))

    x, y, flag = VALUES["float32"], np.arange(5, dtype=np.int64), np.array(True)
    np.savez(path("archive_stored.npz"), x=x, y=y, flag=flag)
    np.savez_compressed(path("archive_compressed.npz"), x=x, y=y, flag=flag)
    for name in ["archive_stored.npz", "archive_compressed.npz"]:
        with np.load(path(name)) as z:
            assert sorted(z.files) == ["flag", "x", "y"]

    np.save(path("unsupported", "int8.npy"), np.array([1, -2], np.int8))
    np.save(path("unsupported", "int16.npy"), np.array([1, -2], np.int16))
    np.save(path("unsupported", "uint16.npy"), np.array([1, 2], np.uint16))
    np.save(path("unsupported", "uint32.npy"), np.array([1, 2], np.uint32))
    np.save(path("unsupported", "complex64.npy"), np.array([1 + 2j], np.complex64))
    np.save(path("unsupported", "unicode.npy"), np.array(["abc"]))
    np.save(path("unsupported", "structured.npy"), np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))
    np.save(path("unsupported", "object.npy"), np.array([1, "a", None], dtype=object), allow_pickle=True)

    make_bad(vector)


def header_file(header_text, data=b"", version=(1, 0)):
    """A .npy file with a hand-written header (padded as NumPy pads it) and `data`."""
    h = header_text.encode("latin1")
    fmt_len = 2 if version == (1, 0) else 4
    pad = 64 - (6 + 2 + fmt_len + len(h) + 1) % 64
    h = h + b" " * pad + b"\n"
    return b"\x93NUMPY" + bytes(version) + len(h).to_bytes(fmt_len, "little") + h + data


# name -> (bytes, what is wrong); the Swift tests map each name to an error kind.
def make_bad(vector):
    f4 = VALUES["float32"].tobytes()
    stored = open(path("archive_stored.npz"), "rb").read()
    member = stored.find(b"\x93NUMPY", stored.find(b"x.npy"))
    corrupt = bytearray(stored)
    corrupt[member + 130] ^= 0x01  # a data byte of x.npy: the CRC no longer matches
    compressed = open(path("archive_compressed.npz"), "rb").read()
    bad_deflate = bytearray(compressed)
    first = bad_deflate.find(b"x.npy") + len("x.npy") + 20  # into x's deflate stream (after the zip64 extra)
    for i in range(first, first + 8):
        bad_deflate[i] ^= 0xFF
    BAD = {
        "truncated_header.npy": (vector[:60], "the file ends inside the header"),
        "truncated_magic.npy": (vector[:5], "the file ends inside the magic"),
        "bad_magic.npy": (b"\x93NUMPZ" + vector[6:], "the magic is wrong"),
        "not_numpy.npy": (b"PK\x03\x04 this is no npy file at all, but long enough", "another format"),
        "version_4.npy": (vector[:6] + b"\x04\x00" + vector[8:], "format version 4.0"),
        "malformed_dict.npy": (header_file("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}", f4),
                               "the dict literal does not close its tuple"),
        "not_a_dict.npy": (header_file("['<f4', False, (2, 3)]", f4), "the header is a list"),
        "missing_key.npy": (header_file("{'descr': '<f4', 'shape': (2, 3), }", f4), "no fortran_order"),
        "extra_key.npy": (header_file("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1, }", f4),
                          "an unknown key"),
        "shape_not_tuple.npy": (header_file("{'descr': '<f4', 'fortran_order': False, 'shape': 6, }", f4),
                                "shape is an int"),
        "negative_shape.npy": (header_file("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3), }", f4),
                               "a negative size"),
        "fortran_not_bool.npy": (header_file("{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3), }", f4),
                                 "fortran_order is 0"),
        "huge_shape.npy": (header_file("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"),
                           "the byte size overflows 64 bits"),
        "data_short.npy": (header_file("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", f4[:-4]),
                           "the data is 4 bytes short of the shape"),
        "unknown_descr.npy": (header_file("{'descr': '<q9', 'fortran_order': False, 'shape': (2, 3), }", f4),
                              "a descr NumPy does not know either"),
        "crc_mismatch.npz": (bytes(corrupt), "a data byte of member x.npy is flipped; its CRC-32 fails"),
        "corrupt_deflate.npz": (bytes(bad_deflate), "member x.npy's deflate stream is damaged"),
        "truncated.npz": (stored[: len(stored) // 2], "the archive is cut in half (no directory)"),
        "not_zip.npz": (vector, "a .npy file named .npz"),
    }
    for name, (data, _) in BAD.items():
        with open(path("bad", name), "wb") as f:
            f.write(data)
        try:
            if name.endswith(".npz"):
                with np.load(path("bad", name), allow_pickle=False) as z:
                    for key in z.files:
                        z[key]
            else:
                np.load(path("bad", name), allow_pickle=False)
        except Exception as e:  # noqa: BLE001 - any rejection will do
            print(f"{name}: numpy rejects it ({type(e).__name__}: {str(e)[:80]})")
        else:
            raise SystemExit(f"{name}: numpy accepted it; it is not a bad file")


if __name__ == "__main__":
    main()

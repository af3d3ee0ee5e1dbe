"""Checks PNG files Kiln's encoder wrote against the pixels it meant (run with the reference Python).

    KILN_PNG_OUT=/tmp/kiln-png swift test --filter writeEncodedFilesForPillow
    /tmp/kiln-ref/bin/python Tests/Fixtures/images/check_kiln_png.py /tmp/kiln-png

Each `kiln-<i>-<H>x<W>x<C>-<bits>.png` comes with `.pixels` (uint8, or uint16 little-endian).
Pillow must read 8-bit files exactly; for 16-bit ones Pillow keeps the high bytes (grey: all 16
bits), so the full samples are also checked by a plain zlib + unfilter decode here.
"""
import glob
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image


def plain_decode(path):
    """Non-interlaced PNG samples (H, W*C) as big-endian 16-bit or 8-bit values."""
    data = open(path, "rb").read()
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0], kind
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color_type, _, _, interlace = header
    assert interlace == 0
    channels = {0: 1, 4: 2, 2: 3, 6: 4}[color_type]
    bpp = channels * depth // 8
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prior = [], bytearray(stride)
    for y in range(height):
        kind, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prior[i], (prior[i - bpp] if i >= bpp else 0)
            p = a + b - c
            paeth = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else (b if abs(p - b) <= abs(p - c) else c)
            row[i] = (row[i] + [0, a, b, (a + b) // 2, paeth][kind]) & 0xFF
        rows.append(bytes(row))
        prior = row
    dtype = ">u2" if depth == 16 else "u1"
    return np.frombuffer(b"".join(rows), dtype=dtype).reshape(height, width, channels), depth


files = sorted(glob.glob(os.path.join(sys.argv[1], "kiln-*.png")))
assert files, "no kiln-*.png files"
for path in files:
    shape = tuple(int(x) for x in path.split("-")[-2].split("x"))
    bits = int(path.split("-")[-1].split(".")[0])
    want = np.fromfile(path[:-4] + ".pixels", dtype="<u2" if bits == 16 else np.uint8).reshape(shape)
    got, depth = plain_decode(path)
    assert depth == bits and np.array_equal(got, want), path
    image = Image.open(path)
    pillow = np.asarray(image)
    if pillow.ndim == 2:
        pillow = pillow[:, :, None]
    if bits == 8 or image.mode.startswith("I;16"):
        assert np.array_equal(pillow, want), path
    else:
        if shape[2] == 2:  # Pillow reads 16-bit grey + alpha as RGBA
            pillow = pillow[:, :, [0, 3]]
        assert np.array_equal(pillow, want >> 8), path
    print("ok", os.path.basename(path), image.mode)
print(len(files), "Kiln-encoded PNG files read correctly")

"""Makes the image-codec fixtures in this folder (run with the reference Python: Pillow, NumPy).

    /tmp/kiln-ref/bin/python Tests/Fixtures/images/make_fixtures.py

Expected pixels are stored as raw bytes next to each image, `<file>.pixels`: row-major HWC,
uint8, or uint16 little-endian for 16-bit PNGs (the tests know the shapes).

- flower-160*.{png,jpg}: copies of ../shared/data (CC BY 2.0, see README.md there); pixels
  decoded by Pillow.
- png-*.png: every colour type, bit depth, Adam7 interlacing, palettes with tRNS, all five row
  filters and split IDAT chunks, encoded here by hand with zlib from known pixel arrays. Those
  arrays are the expected pixels, and the script checks that Pillow decodes each file to them
  (to their high bytes where Pillow keeps 8 of 16 bits).
- jpeg-*.jpg: 4:2:0, 4:2:2, 4:4:4, greyscale, restart intervals, 16-bit quantisation tables
  (SOF1), Adobe RGB, written by Pillow (libjpeg-turbo); 4:4:0, 4:1:1, 3:1, mixed factors,
  non-interleaved scans and restarts in single-component scans, written by the small baseline
  encoder below. Expected pixels: Pillow's decoding (libjpeg-turbo, islow IDCT, fancy upsampling).
  jpeg-progressive.jpg is for the "unsupported" error.
"""
import os
import shutil
import struct
import zlib

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "../../../../shared/data"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/data"


def save_pixels(name, array):
    array = np.ascontiguousarray(array)
    if array.dtype == np.uint16:
        array = array.astype("<u2")
    else:
        assert array.dtype == np.uint8, array.dtype
    with open(os.path.join(HERE, name + ".pixels"), "wb") as f:
        f.write(array.tobytes())


def pillow_pixels(path):
    image = Image.open(path)
    image.load()
    array = np.asarray(image)
    if array.ndim == 2:
        array = array[:, :, None]
    return array


# ---------------------------------------------------------------- shared flower files
for name in ["flower-160.png", "flower-160-gray.png", "flower-160.jpg"]:
    shutil.copyfile(os.path.join(SHARED, name), os.path.join(HERE, name))
    save_pixels(name, pillow_pixels(os.path.join(HERE, name)))

flower = np.asarray(Image.open(os.path.join(SHARED, "flower-160.png")).convert("RGB"))

# ---------------------------------------------------------------- PNG, by hand
WIDTH, HEIGHT = 13, 11
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_row(kind, row, prior, bpp):
    out = bytearray(len(row))
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prior[i]
        c = prior[i - bpp] if i >= bpp else 0
        predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out[i] = (x - predictor) & 0xFF
    return bytes(out)


def pack_rows(samples, depth):
    """samples: (h, w*spp) ints -> packed big-endian rows."""
    rows = []
    for line in samples:
        if depth == 16:
            rows.append(b"".join(struct.pack(">H", int(v)) for v in line))
        elif depth == 8:
            rows.append(bytes(int(v) for v in line))
        else:
            bits = "".join(format(int(v), "0%db" % depth) for v in line)
            bits += "0" * (-len(bits) % 8)
            rows.append(bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)))
    return rows


def png_file(samples, depth, color_type, interlace, palette=None, trns=None, idat_pieces=1):
    """samples: (H, W, spp) array of file sample values."""
    h, w, spp = samples.shape
    bpp = max(1, spp * depth // 8)
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    filter_index = 0
    for x0, y0, dx, dy in passes:
        sub = samples[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        rows = pack_rows(sub.reshape(sub.shape[0], -1), depth)
        prior = bytes(len(rows[0]))
        for row in rows:
            kind = filter_index % 5  # every filter type in turn
            filter_index += 1
            raw += bytes([kind]) + filter_row(kind, row, prior, bpp)
            prior = row
    data = zlib.compress(bytes(raw), 9)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, interlace))
    out += chunk(b"tEXt", b"Comment\x00made by make_fixtures.py")
    if palette is not None:
        out += chunk(b"PLTE", bytes(palette.reshape(-1).tolist()))
    if trns is not None:
        out += chunk(b"tRNS", bytes(trns))
    step = -(-len(data) // idat_pieces)
    for i in range(0, len(data), step):
        out += chunk(b"IDAT", data[i:i + step])
    return out + chunk(b"IEND", b"")


rng = np.random.default_rng(2024)
png_cases = []  # (file name, expected array)


def add_png(name, data, expected, check):
    path = os.path.join(HERE, name)
    with open(path, "wb") as f:
        f.write(data)
    got = check(Image.open(path))
    want = expected.squeeze(-1) if got.ndim == 2 else expected
    assert np.array_equal(got, want), name
    save_pixels(name, expected)
    png_cases.append(name)


def natural(channels, depth):
    """A patch of the flower photo (mixed with noise) at the given depth."""
    patch = flower[40:40 + HEIGHT, 60:60 + WIDTH].astype(np.int64)
    if channels == 1:
        patch = patch.mean(axis=2, keepdims=True).round().astype(np.int64)
    elif channels == 2:
        patch = np.stack([patch.mean(axis=2), rng.integers(0, 256, (HEIGHT, WIDTH))], axis=2).round().astype(np.int64)
    elif channels == 4:
        patch = np.concatenate([patch, rng.integers(0, 256, (HEIGHT, WIDTH, 1))], axis=2)
    if depth == 16:
        return (patch * 257 + rng.integers(-200, 200, patch.shape)).clip(0, 65535).astype(np.uint16)
    return (patch >> (8 - depth)).astype(np.uint8)


for interlace in (0, 1):
    suffix = "-interlaced" if interlace else ""
    for depth in (1, 2, 4, 8, 16):
        samples = natural(1, depth)
        expected = samples if depth >= 8 else (samples.astype(np.int64) * (255 // ((1 << depth) - 1))).astype(np.uint8)
        check = (lambda im: np.asarray(im.convert("L"))) if depth == 1 else (lambda im: np.asarray(im))
        add_png(f"png-grey{depth}{suffix}.png", png_file(samples, depth, 0, interlace), expected, check)
    for color_type, channels, label in ((2, 3, "rgb"), (4, 2, "greyalpha"), (6, 4, "rgba")):
        for depth in (8, 16):
            samples = natural(channels, depth)
            check = lambda im: np.asarray(im)
            if depth == 16:
                # Pillow keeps the high byte of 16-bit colour samples (and reads grey + alpha as RGBA).
                def check(im, s=samples):
                    got = np.asarray(im)
                    if im.mode == "RGBA" and s.shape[2] == 2:
                        got = got[:, :, [0, 3]]
                    assert np.array_equal(got, (s >> 8).astype(np.uint8).squeeze()), (im.mode, got[0, :2], s[0, :2])
                    return s if got.ndim == 3 else s.squeeze(-1)
            add_png(f"png-{label}{depth}{suffix}.png", png_file(samples, depth, color_type, interlace), samples, check)
    for depth in (1, 2, 4, 8):
        count = min(1 << depth, 200)
        palette = rng.integers(0, 256, (count, 3)).astype(np.uint8)
        indices = rng.integers(0, count, (HEIGHT, WIDTH, 1)).astype(np.uint8)
        add_png(f"png-palette{depth}{suffix}.png", png_file(indices, depth, 3, interlace, palette=palette),
                palette[indices[:, :, 0]], lambda im: np.asarray(im.convert("RGB")))
        alpha = rng.integers(0, 256, max(1, count - 1)).astype(np.uint8)  # shorter than the palette
        rgba = np.concatenate([palette, np.full((count, 1), 255, np.uint8)], axis=1)
        rgba[:len(alpha), 3] = alpha
        add_png(f"png-palette{depth}-trns{suffix}.png",
                png_file(indices, depth, 3, interlace, palette=palette, trns=alpha.tolist()),
                rgba[indices[:, :, 0]], lambda im: np.asarray(im.convert("RGBA")))

# Several IDAT chunks, and interlaced images smaller than an Adam7 block (empty passes).
samples = natural(3, 8)
add_png("png-rgb8-split-idat.png", png_file(samples, 8, 2, 0, idat_pieces=7), samples, lambda im: np.asarray(im))
for w, h in ((1, 1), (3, 2), (5, 1)):
    tiny = natural(4, 8)[:h, :w]
    add_png(f"png-rgba8-interlaced-{w}x{h}.png", png_file(tiny, 8, 6, 1), tiny, lambda im: np.asarray(im))

# ---------------------------------------------------------------- JPEG by Pillow
def add_pillow_jpeg(name, image, **options):
    path = os.path.join(HERE, name)
    image.save(path, "JPEG", **options)
    save_pixels(name, pillow_pixels(path))


crop = Image.fromarray(flower[30:59, 50:87])  # 37 x 29: not a multiple of the MCU size
add_pillow_jpeg("jpeg-420.jpg", crop, quality=90, subsampling=2)
add_pillow_jpeg("jpeg-422.jpg", crop, quality=85, subsampling=1)
add_pillow_jpeg("jpeg-444.jpg", crop, quality=95, subsampling=0)
add_pillow_jpeg("jpeg-gray.jpg", crop.convert("L"), quality=90)
add_pillow_jpeg("jpeg-restart.jpg", Image.fromarray(flower[:64, :96]), quality=80, subsampling=2, restart_marker_blocks=3)
add_pillow_jpeg("jpeg-420-3x5.jpg", Image.fromarray(flower[50:55, 70:73]), quality=90, subsampling=2)
add_pillow_jpeg("jpeg-16bit-dqt.jpg", crop, subsampling=2,
                qtables=[[300 if k == 63 else 2 + k for k in range(64)], [400 if k == 63 else 3 + k for k in range(64)]])
add_pillow_jpeg("jpeg-adobe-rgb.jpg", crop, quality=90, subsampling=0, keep_rgb=True)
crop.save(os.path.join(HERE, "jpeg-progressive.jpg"), "JPEG", quality=90, progressive=True)


# ---------------------------------------------------------------- JPEG by a small baseline encoder
def read_segments(data):
    """(marker, payload) of the header segments of a JPEG file, up to SOS."""
    pos, out = 2, []
    while True:
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        out.append((marker, data[pos + 4:pos + 2 + length]))
        if marker == 0xDA:
            return out
        pos += 2 + length


def standard_tables():
    """The Annex K Huffman tables and quality-90 quantisation tables, taken from a Pillow file."""
    with open(os.path.join(HERE, "jpeg-420.jpg"), "rb") as f:
        segments = read_segments(f.read())
    huffman, quant = {}, {}
    for marker, payload in segments:
        if marker == 0xC4:
            p = 0
            while p < len(payload):
                tc, th = payload[p] >> 4, payload[p] & 15
                counts = list(payload[p + 1:p + 17])
                symbols = list(payload[p + 17:p + 17 + sum(counts)])
                huffman[(tc, th)] = (counts, symbols)
                p += 17 + sum(counts)
        if marker == 0xDB:
            p = 0
            while p < len(payload):
                tq = payload[p] & 15
                quant[tq] = list(payload[p + 1:p + 65])  # zig-zag order, 8-bit
                p += 65
    return huffman, quant


ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
          21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60,
          61, 54, 47, 55, 62, 63]


def codes(counts, symbols):
    table, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(counts[length - 1]):
            table[symbols[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return table


class BitWriter:
    def __init__(self):
        self.out, self.acc, self.n = bytearray(), 0, 0

    def put(self, value, length):
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)
                self.acc, self.n = 0, 0

    def flush(self):
        while self.n:
            self.put(1, 1)


def fdct(block):
    c = np.array([[np.sqrt(1 / 8) if u == 0 else np.sqrt(2 / 8) * np.cos((2 * x + 1) * u * np.pi / 16)
                   for x in range(8)] for u in range(8)])
    return c @ block @ c.T


def encode_jpeg(rgb, sampling, scans, restart=0, grey=False):
    """A baseline JFIF file. sampling: (h, v) per component; scans: lists of component indices."""
    huffman, quant = standard_tables()
    rgb = rgb.astype(np.float64)
    if grey:
        planes = [rgb.mean(axis=2)]
    else:
        r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
        planes = [0.299 * r + 0.587 * g + 0.114 * b,
                  -0.168736 * r - 0.331264 * g + 0.5 * b + 128,
                  0.5 * r - 0.418688 * g - 0.081312 * b + 128]
    height, width = planes[0].shape
    declared = sampling
    if grey:
        sampling = [(1, 1)]  # one component: one block per MCU whatever its declared factors
    hmax, vmax = max(s[0] for s in sampling), max(s[1] for s in sampling)
    mcus_x, mcus_y = -(-width // (8 * hmax)), -(-height // (8 * vmax))
    blocks = []  # per component: quantised coefficients [by][bx] in zig-zag order
    for ci, (h, v) in enumerate(sampling):
        fx, fy = hmax // h, vmax // v
        plane = planes[ci]
        plane = np.pad(plane, ((0, (-height) % fy), (0, (-width) % fx)), mode="edge")
        plane = plane.reshape(plane.shape[0] // fy, fy, plane.shape[1] // fx, fx).mean(axis=(1, 3))
        tall, wide = mcus_y * v * 8, mcus_x * h * 8
        plane = np.pad(plane, ((0, tall - plane.shape[0]), (0, wide - plane.shape[1])), mode="edge")
        q = np.array(quant[0 if ci == 0 else 1], dtype=np.float64)
        rows = []
        for by in range(tall // 8):
            row = []
            for bx in range(wide // 8):
                coef = fdct(plane[by * 8:by * 8 + 8, bx * 8:bx * 8 + 8] - 128).reshape(-1)[ZIGZAG]
                row.append(np.round(coef / q).astype(int))
            rows.append(row)
        blocks.append(rows)
    sampled = [(-(-width * h // hmax), -(-height * v // vmax)) for h, v in sampling]

    out = bytearray(b"\xff\xd8")
    out += b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    for tq in (0, 1):
        out += b"\xff\xdb" + struct.pack(">HB", 67, tq) + bytes(quant[tq])
    n = len(sampling)
    out += b"\xff\xc0" + struct.pack(">HBHHB", 8 + 3 * n, 8, height, width, n)
    for ci, (h, v) in enumerate(declared):
        out += bytes([ci + 1, (h << 4) | v, 0 if ci == 0 else 1])
    for (tc, th), (counts, symbols) in sorted(huffman.items()):
        out += b"\xff\xc4" + struct.pack(">HB", 2 + 17 + len(symbols), (tc << 4) | th) + bytes(counts) + bytes(symbols)
    if restart:
        out += b"\xff\xdd" + struct.pack(">HH", 4, restart)
    tables = {key: codes(*value) for key, value in huffman.items()}
    for scan in scans:
        out += b"\xff\xda" + struct.pack(">HB", 6 + 2 * len(scan), len(scan))
        for ci in scan:
            out += bytes([ci + 1, 0x00 if ci == 0 else 0x11])
        out += bytes([0, 63, 0])
        if len(scan) == 1:
            ci = scan[0]
            units = [[(ci, by, bx)] for by in range(-(-sampled[ci][1] // 8)) for bx in range(-(-sampled[ci][0] // 8))]
        else:
            units = [[(ci, my * sampling[ci][1] + y, mx * sampling[ci][0] + x) for ci in scan
                      for y in range(sampling[ci][1]) for x in range(sampling[ci][0])]
                     for my in range(mcus_y) for mx in range(mcus_x)]
        writer, predictors = BitWriter(), [0] * n
        for index, unit in enumerate(units):
            if restart and index and index % restart == 0:
                writer.flush()
                writer.out += bytes([0xFF, 0xD0 + (index // restart - 1) % 8])
                predictors = [0] * n
            for ci, by, bx in unit:
                dc_table, ac_table = tables[(0, 0 if ci == 0 else 1)], tables[(1, 0 if ci == 0 else 1)]
                coef = blocks[ci][by][bx]
                diff = int(coef[0]) - predictors[ci]
                predictors[ci] = int(coef[0])
                size = abs(diff).bit_length()
                writer.put(*dc_table[size])
                if size:
                    writer.put(diff if diff > 0 else diff + (1 << size) - 1, size)
                run = 0
                for k in range(1, 64):
                    value = int(coef[k])
                    if value == 0:
                        run += 1
                        continue
                    while run > 15:
                        writer.put(*ac_table[0xF0])
                        run -= 16
                    size = abs(value).bit_length()
                    writer.put(*ac_table[(run << 4) | size])
                    writer.put(value if value > 0 else value + (1 << size) - 1, size)
                    run = 0
                if run:
                    writer.put(*ac_table[0x00])
        writer.flush()
        out += writer.out
    return bytes(out + b"\xff\xd9")


def add_encoded_jpeg(name, rgb, sampling, scans, **options):
    path = os.path.join(HERE, name)
    with open(path, "wb") as f:
        f.write(encode_jpeg(rgb, sampling, scans, **options))
    save_pixels(name, pillow_pixels(path))


patch = flower[20:59, 40:83]  # 43 x 39
add_encoded_jpeg("jpeg-440.jpg", patch, [(1, 2), (1, 1), (1, 1)], [[0, 1, 2]])
add_encoded_jpeg("jpeg-411.jpg", patch, [(4, 1), (1, 1), (1, 1)], [[0, 1, 2]])
add_encoded_jpeg("jpeg-31.jpg", patch, [(3, 1), (1, 1), (1, 1)], [[0, 1, 2]])
add_encoded_jpeg("jpeg-mixed.jpg", patch, [(2, 2), (1, 2), (2, 1)], [[0, 1, 2]])
add_encoded_jpeg("jpeg-chroma-full-luma-half.jpg", patch, [(1, 1), (2, 2), (2, 2)], [[0, 1, 2]])
add_encoded_jpeg("jpeg-noninterleaved.jpg", patch, [(2, 2), (1, 1), (1, 1)], [[0], [1], [2]], restart=5)
add_encoded_jpeg("jpeg-gray-h2v2.jpg", patch, [(2, 2)], [[0]], grey=True)

with open(os.path.join(HERE, "png-cases.txt"), "w") as f:
    f.write("\n".join(png_cases) + "\n")
print(len(png_cases), "PNG cases; JPEG files:", sorted(x for x in os.listdir(HERE) if x.endswith(".jpg")))

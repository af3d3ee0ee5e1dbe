#!/usr/bin/env python3
"""Fixtures for Kiln's TensorBoard tests (Tests/KilnIOTests/TensorBoard/).

Written once with PyTorch's own writer (torch 2.15, tensorboard 2.21, numpy 2.4, pillow):

    /tmp/kiln-ref/bin/python Tests/Fixtures/tensorboard/make_fixtures.py

It (re)writes `pytorch/events.out.tfevents.1700000000.fixture.1.0`, next to itself: the events
of `write_events` below, logged by torch.utils.tensorboard.SummaryWriter with fixed wall times,
then renamed (PyTorch names the file after the time, host and pid). It reads the file back with
TensorBoard's EventAccumulator to check it, and prints the values the Swift tests hold as
literals: the float32 scalars, the histograms' buckets as PyTorch computed them, the decoded
pixels of the PNG images and the bytes of some records. The test suite never runs Python.
`check_kiln_events.py` does the reverse check (TensorBoard reads what Kiln wrote).
"""
import glob
import io
import os
import shutil
import sys
import tempfile

import numpy as np
from PIL import Image
from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub import pywrap_tensorflow
from torch.utils.tensorboard import SummaryWriter

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "events.out.tfevents.1700000000.fixture.1.0"
WALL = 1700000000.0

# Exactly representable values whose sums are exact, so NumPy's sum and dot equal any order's.
HIST_VALUES = np.array([-2.5, -1.0, -0.25, 0.0, 0.0, 0.5, 1.0, 1.0, 1.75, 3.0])
HIST_EDGES = [-3.0, -1.0, 0.0, 1.0, 2.5]
# CHW float image in [0, 1] (with values outside it, clipped), 3 x 2 x 3.
IMAGE_CHW = np.array([0.0, 0.25, 0.5, 0.75, 1.0, 1.5,
                      -0.5, 0.1, 0.2, 0.3, 0.4, 0.6,
                      0.7, 0.8, 0.9, 0.33, 0.66, 0.99], dtype=np.float32).reshape(3, 2, 3)
# HWC uint8 RGBA image, 2 x 3 x 4.
IMAGE_HWC = (np.arange(24, dtype=np.int64) * 11 % 256).astype(np.uint8).reshape(2, 3, 4)
# One grey channel, CHW 1 x 2 x 2: PyTorch repeats it to RGB.
IMAGE_GREY = np.array([0.0, 0.5, 0.75, 1.0], dtype=np.float32).reshape(1, 2, 2)
TEXT = "hello **kiln** \u2713"


def write_events(log_dir):
    w = SummaryWriter(log_dir=log_dir)
    w.add_scalar("loss", 0.5, 0, walltime=WALL)
    w.add_scalar("loss", 0.25, 1, walltime=WALL + 1)
    w.add_scalar("lr", 0.1, 1, walltime=WALL + 1)
    w.add_scalar("accuracy", 0.75, 2, walltime=WALL + 2, new_style=True)
    w.add_histogram("weights", HIST_VALUES, 2, walltime=WALL + 2)
    w.add_histogram("weights_bins5", HIST_VALUES, 2, bins=5, walltime=WALL + 2)
    w.add_histogram("weights_edges", HIST_VALUES, 2, bins=HIST_EDGES, walltime=WALL + 2)
    w.add_text("note", TEXT, 3, walltime=WALL + 3)
    w.add_image("sample", IMAGE_CHW, 4, walltime=WALL + 4)
    w.add_image("sample_hwc", IMAGE_HWC, 4, walltime=WALL + 4, dataformats="HWC")
    w.add_image("grey", IMAGE_GREY, 5, walltime=WALL + 5)
    w.close()


def records(path):
    reader = pywrap_tensorflow.PyRecordReader_New(path)
    out = []
    while True:
        try:
            reader.GetNext()
        except Exception:  # OutOfRangeError at the end
            return out
        out.append(reader.record())


def main():
    target = os.path.join(HERE, "pytorch")
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    with tempfile.TemporaryDirectory() as tmp:
        write_events(tmp)
        (written,) = glob.glob(os.path.join(tmp, "events.out.tfevents.*"))
        shutil.copy(written, os.path.join(target, NAME))
    path = os.path.join(target, NAME)

    acc = ea.EventAccumulator(path, size_guidance={ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.IMAGES: 0, ea.TENSORS: 0})
    acc.Reload()
    tags = acc.Tags()
    assert sorted(tags["scalars"]) == ["loss", "lr"], tags
    assert sorted(tags["histograms"]) == ["weights", "weights_bins5", "weights_edges"], tags
    assert sorted(tags["images"]) == ["grey", "sample", "sample_hwc"], tags
    assert sorted(tags["tensors"]) == ["accuracy", "note/text_summary"], tags

    print("scalars:")
    for tag in ["loss", "lr"]:
        print(" ", tag, [(e.step, e.value, e.value.hex()) for e in acc.Scalars(tag)])
    print("histograms:")
    for tag in ["weights", "weights_bins5", "weights_edges"]:
        (h,) = acc.Histograms(tag)
        v = h.histogram_value
        print(f"  {tag} step {h.step}: min {v.min} max {v.max} num {v.num} sum {v.sum} sum_squares {v.sum_squares}")
        print(f"    {len(v.bucket_limit)} buckets; limits {[x.hex() for x in v.bucket_limit][:3]} … {[x.hex() for x in v.bucket_limit][-3:]}")
        print(f"    nonzero counts {[(i, c) for i, c in enumerate(v.bucket) if c]}")
    print("images (decoded HWC pixels):")
    for tag in ["sample", "sample_hwc", "grey"]:
        (im,) = acc.Images(tag)
        pixels = np.asarray(Image.open(io.BytesIO(im.encoded_image_string)))
        print(f"  {tag} step {im.step}: {im.width}x{im.height}, shape {pixels.shape}: {pixels.reshape(-1).tolist()}")
    print("text:", [(e.step, e.tensor_proto.string_val) for e in acc.Tensors("note/text_summary")])

    recs = records(path)
    print(f"{len(recs)} records; first:", event_pb2.Event.FromString(recs[0]))
    for i in [1, 2, 8]:
        print(f"record {i}: {recs[i].hex()}")


if __name__ == "__main__":
    sys.exit(main())

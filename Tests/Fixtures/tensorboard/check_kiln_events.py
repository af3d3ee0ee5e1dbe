#!/usr/bin/env python3
"""Checks that TensorBoard's own readers read the event files Kiln writes.

    python check_kiln_events.py PATH [--expect EXPECTED.json]

PATH is an event file or a run directory (every events.out.tfevents.* file in it is checked). Needs
the `tensorboard` package (and numpy, pillow); with `torch` installed, histogram buckets are also
compared with PyTorch's for the same values. For the run Kiln's test suite writes:

    KILN_TENSORBOARD_OUT=/tmp/kiln-tb swift test --filter TensorBoardInteropTests
    python Tests/Fixtures/tensorboard/check_kiln_events.py /tmp/kiln-tb/run --expect /tmp/kiln-tb/expected.json

Every file is checked record by record with TensorBoard's TFRecord reader (each CRC; no damaged
or cut-off record), its first event must be the "brain.Event:2" file version, and every record
must parse as an Event. Then TensorBoard's EventAccumulator (scalars, histograms, images,
tensors) and the plugin EventAccumulator the dashboards use (values migrated to the "scalars",
"histograms", "images" and "text" plugins) load the PATH. Without --expect the script prints what
they read and fails when they read no summary value at all. With --expect, a JSON file

    {"scalars":    {TAG: [[STEP, VALUE], ...]},
     "histograms": {TAG: [{"step": S, "values": [...], "bins": "tensorflow" | N | [edges]}]},
     "texts":      {TAG: [[STEP, TEXT]]},
     "images":     {TAG: [{"step": S, "width": W, "height": H, "channels": C, "pixels": [HWC uint8...]}]}}

(any key may be left out, except that the tags of each kind present must be exactly those
listed), every value must be there with its step: scalars equal as float32, histograms with the
values' count, min, max, sum and sum of squares (and PyTorch's buckets when torch is installed),
texts equal, images of that size whose decoded pixels are those listed. Exit status 1 and one
line per mismatch on stderr when anything differs.
"""
import argparse
import glob
import io
import json
import math
import os
import sys

import numpy as np
from PIL import Image
from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.backend.event_processing import plugin_event_accumulator as pea
from tensorboard.compat.proto import event_pb2
from tensorboard.compat.tensorflow_stub import errors, pywrap_tensorflow
from tensorboard.util import tensor_util

PLUGINS = {"scalars": "scalars", "histograms": "histograms", "images": "images", "texts": "text"}
problems = []


def fail(message):
    problems.append(message)
    print("MISMATCH: " + message, file=sys.stderr)


def event_files(path):
    if os.path.isdir(path):
        return sorted(glob.glob(os.path.join(path, "events.out.tfevents.*")))
    return [path]


def check_records(path):
    """Reads every record with TensorBoard's reader, which raises on a bad CRC or a cut record."""
    reader = pywrap_tensorflow.PyRecordReader_New(path)
    count = 0
    while True:
        try:
            reader.GetNext()
        except errors.OutOfRangeError:
            break
        except errors.DataLossError as e:
            fail(f"{path}: record {count} is damaged: {e}")
            return
        try:
            event = event_pb2.Event.FromString(reader.record())
        except Exception as e:  # noqa: BLE001 - any parse failure is a mismatch
            fail(f"{path}: record {count} is not an Event: {e}")
            return
        if count == 0 and event.file_version != "brain.Event:2":
            fail(f"{path}: the first event is not the file version brain.Event:2 but {event}")
        count += 1
    if count == 0:
        fail(f"{path}: no records")
    print(f"{path}: {count} records, every CRC right, every record an Event")


def close(a, b, rel=1e-9):
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def check_steps(kind, tag, got, want):
    if [s for s, _ in got] != [s for s, _ in want]:
        fail(f"{kind} {tag!r}: steps {[s for s, _ in got]}, expected {[s for s, _ in want]}")
        return False
    return True


def check_tags(kind, found, expected):
    if expected is not None and sorted(found) != sorted(expected):
        fail(f"{kind}: tags {sorted(found)}, expected {sorted(expected)}")


def pytorch_histogram(values, bins):
    try:
        import torch.utils.tensorboard.summary as summary
    except ImportError:
        return None
    if bins == "tensorflow":
        v, buckets, negative = 1e-12, [], []
        while v < 1e20:  # SummaryWriter.default_bins, without creating a writer
            buckets.append(v)
            negative.append(-v)
            v *= 1.1
        bins = negative[::-1] + [0] + buckets
    return summary.make_histogram(np.asarray(values, dtype=float), bins)


def check_expected(acc, plugin_acc, expected):
    tags = acc.Tags()
    check_tags("scalars", tags[ea.SCALARS], expected.get("scalars", {}).keys() if "scalars" in expected else None)
    for tag, want in expected.get("scalars", {}).items():
        if tag not in tags[ea.SCALARS]:
            continue
        got = [(e.step, e.value) for e in acc.Scalars(tag)]
        if check_steps("scalar", tag, got, want):
            for (step, g), (_, w) in zip(got, want):
                if not close(g, float(np.float32(w)), 1e-7):
                    fail(f"scalar {tag!r} step {step}: {g}, expected {w} (as float32 {float(np.float32(w))})")

    check_tags("histograms", tags[ea.HISTOGRAMS], expected.get("histograms", {}).keys() if "histograms" in expected else None)
    for tag, want in expected.get("histograms", {}).items():
        if tag not in tags[ea.HISTOGRAMS]:
            continue
        got = acc.Histograms(tag)
        if not check_steps("histogram", tag, [(e.step, 0) for e in got], [(w["step"], 0) for w in want]):
            continue
        for event, w in zip(got, want):
            h = event.histogram_value
            values = np.asarray(w["values"], dtype=float)
            for name, g, e in [("num", h.num, values.size), ("min", h.min, values.min()), ("max", h.max, values.max()),
                               ("sum", h.sum, values.sum()), ("sum_squares", h.sum_squares, values.dot(values))]:
                if not close(g, float(e)):
                    fail(f"histogram {tag!r} step {event.step}: {name} {g}, expected {e}")
            reference = pytorch_histogram(values, w.get("bins", "tensorflow"))
            if reference is None:
                print(f"  histogram {tag!r}: torch is not installed, so the buckets are not compared with PyTorch's")
            elif list(h.bucket_limit) != list(reference.bucket_limit) or list(h.bucket) != list(reference.bucket):
                fail(f"histogram {tag!r} step {event.step}: buckets differ from PyTorch's make_histogram "
                     f"({len(h.bucket)} vs {len(reference.bucket)} buckets)")

    texts = [t for t in plugin_acc.Tags()[pea.TENSORS] if plugin_acc.SummaryMetadata(t).plugin_data.plugin_name == "text"]
    check_tags("texts", texts, expected.get("texts", {}).keys() if "texts" in expected else None)
    for tag, want in expected.get("texts", {}).items():
        if tag not in texts:
            continue
        got = [(e.step, tensor_util.make_ndarray(e.tensor_proto).reshape(-1)[0].decode("utf-8")) for e in acc.Tensors(tag)]
        if check_steps("text", tag, got, want) and [t for _, t in got] != [t for _, t in want]:
            fail(f"text {tag!r}: {[t for _, t in got]}, expected {[t for _, t in want]}")

    check_tags("images", tags[ea.IMAGES], expected.get("images", {}).keys() if "images" in expected else None)
    for tag, want in expected.get("images", {}).items():
        if tag not in tags[ea.IMAGES]:
            continue
        got = acc.Images(tag)
        if not check_steps("image", tag, [(e.step, 0) for e in got], [(w["step"], 0) for w in want]):
            continue
        for event, w in zip(got, want):
            pixels = np.asarray(Image.open(io.BytesIO(event.encoded_image_string)))
            if pixels.ndim == 2:
                pixels = pixels[:, :, None]
            shape = (w["height"], w["width"], w["channels"])
            if (event.height, event.width) != shape[:2] or pixels.shape != shape:
                fail(f"image {tag!r} step {event.step}: {event.width}x{event.height}, PNG {pixels.shape}, expected HWC {shape}")
            elif "pixels" in w and pixels.reshape(-1).tolist() != w["pixels"]:
                fail(f"image {tag!r} step {event.step}: pixels {pixels.reshape(-1).tolist()}, expected {w['pixels']}")


def check_plugins(plugin_acc, expected):
    """The dashboards read through the plugin accumulator: each value under its plugin."""
    kinds = {}
    for tag in plugin_acc.Tags()[pea.TENSORS]:
        kinds.setdefault(plugin_acc.SummaryMetadata(tag).plugin_data.plugin_name, []).append(tag)
    for kind, plugin in PLUGINS.items():
        if kind in expected:
            want = sorted(expected[kind].keys())
            if sorted(kinds.get(plugin, [])) != want:
                fail(f"plugin {plugin!r}: TensorBoard's dashboards see tags {sorted(kinds.get(plugin, []))}, expected {want}")
    for tag in kinds.get("histograms", []):
        for e in plugin_acc.Tensors(tag):
            array = tensor_util.make_ndarray(e.tensor_proto)
            if array.ndim != 2 or array.shape[1] != 3 or not np.all(array[:, 0] <= array[:, 1]):
                fail(f"plugin 'histograms' {tag!r} step {e.step}: not [buckets, (left, right, count)] but shape {array.shape}")
    return kinds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", help="an event file or a run directory")
    parser.add_argument("--expect", help="JSON of what must have been logged")
    args = parser.parse_args()
    files = event_files(args.path)
    if not files:
        fail(f"{args.path}: no events.out.tfevents.* files")
    for path in files:
        check_records(path)
    everything = {ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.IMAGES: 0, ea.TENSORS: 0, ea.COMPRESSED_HISTOGRAMS: 0}
    acc = ea.EventAccumulator(args.path, size_guidance=everything).Reload()
    plugin_acc = pea.EventAccumulator(args.path, size_guidance=everything).Reload()
    tags = acc.Tags()
    print("EventAccumulator tags:", {k: sorted(tags[k]) for k in (ea.SCALARS, ea.HISTOGRAMS, ea.IMAGES, ea.TENSORS)})
    expected = {}
    if args.expect:
        with open(args.expect, encoding="utf-8") as f:
            expected = json.load(f)
    kinds = check_plugins(plugin_acc, expected)
    print("dashboard plugins:", {k: sorted(v) for k, v in kinds.items()})
    if args.expect:
        check_expected(acc, plugin_acc, expected)
    elif not any(kinds.values()):
        fail(f"{args.path}: TensorBoard read no summary value")
    if problems:
        print(f"FAILED: {len(problems)} mismatch(es)", file=sys.stderr)
        return 1
    print("OK: TensorBoard reads everything" + (" that was expected" if args.expect else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

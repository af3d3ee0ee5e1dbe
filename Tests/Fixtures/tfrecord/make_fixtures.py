#!/usr/bin/env python3
"""Fixtures for Kiln's TFRecord and tf.train.Example tests (Tests/KilnIOTests/TFRecord*, Example*).

Written once with TensorFlow's own writer (tensorflow-cpu 2.21.0, in a venv of its own):

    python3 -m venv /tmp/tf-venv && /tmp/tf-venv/bin/pip install tensorflow-cpu
    /tmp/tf-venv/bin/python Tests/Fixtures/tfrecord/make_fixtures.py

It (re)writes, next to itself:

- `examples.tfrecord`: the three tf.train.Example records of EXAMPLES below, written by
  tf.io.TFRecordWriter; `examples.tfrecord.gz` the same with compression_type="GZIP" and
  `examples.zlib.tfrecord` with "ZLIB".
- `raw.tfrecord`: four raw records (RAW below): empty, one byte, 300 bytes and 70,000 bytes (longer
  than the reader's 64 KiB buffer), i % 251 each.

It then reads every file back with tf.data.TFRecordDataset and checks the records, so the
fixtures are known to be what TensorFlow reads. Tests/KilnIOTests/TFRecordTests.swift holds the
same values as literals; the test suite never runs Python. `check_kiln_tfrecord.py` does the
reverse check (TensorFlow reads what Kiln wrote).
"""
import os

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))


def bytes_feature(values):
    return tf.train.Feature(bytes_list=tf.train.BytesList(value=values))


def float_feature(values):
    return tf.train.Feature(float_list=tf.train.FloatList(value=values))


def int64_feature(values):
    return tf.train.Feature(int64_list=tf.train.Int64List(value=values))


EXAMPLES = [
    {
        "name": bytes_feature([b"first", b"\x00\xff"]),
        "score": float_feature([1.5, -2.25]),
        "label": int64_feature([7]),
    },
    {
        "image": bytes_feature([bytes(range(12))]),
        "shape": int64_feature([2, 2, 3]),
        "weights": float_feature([0.1, 3e-8, -0.0, 1e30]),
        "label": int64_feature([-1, 2**40, -(2**63), 2**63 - 1]),
    },
    {
        "empty_floats": float_feature([]),
        "text": bytes_feature(["héllo".encode("utf-8")]),
    },
]

RAW = [b"", b"\x2a", bytes(i % 251 for i in range(300)), bytes(i % 251 for i in range(70000))]


def serialized_examples():
    return [tf.train.Example(features=tf.train.Features(feature=f)).SerializeToString() for f in EXAMPLES]


def write(name, records, compression=None):
    options = tf.io.TFRecordOptions(compression_type=compression) if compression else None
    with tf.io.TFRecordWriter(os.path.join(HERE, name), options=options) as writer:
        for record in records:
            writer.write(record)


def read(name, compression=None):
    return [r.numpy() for r in tf.data.TFRecordDataset(os.path.join(HERE, name), compression_type=compression)]


def main():
    examples = serialized_examples()
    write("examples.tfrecord", examples)
    write("examples.tfrecord.gz", examples, "GZIP")
    write("examples.zlib.tfrecord", examples, "ZLIB")
    write("raw.tfrecord", RAW)

    assert read("examples.tfrecord") == examples
    assert read("examples.tfrecord.gz", "GZIP") == examples
    assert read("examples.zlib.tfrecord", "ZLIB") == examples
    assert read("raw.tfrecord") == RAW
    with open(os.path.join(HERE, "examples.tfrecord.gz"), "rb") as f:
        assert f.read(2) == b"\x1f\x8b"
    parsed = tf.train.Example.FromString(examples[1])
    print("record 1:", parsed)
    print("record sizes:", [len(e) for e in examples])


if __name__ == "__main__":
    main()

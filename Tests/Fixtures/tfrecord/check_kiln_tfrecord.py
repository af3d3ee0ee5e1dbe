#!/usr/bin/env python3
"""Checks that TensorFlow reads the TFRecord files Kiln writes.

    KILN_TFRECORD_OUT=/tmp/kiln-tfrecord swift test --filter TFRecordTests/writesExamples
    /tmp/tf-venv/bin/python Tests/Fixtures/tfrecord/check_kiln_tfrecord.py /tmp/kiln-tfrecord

The Swift test writes kiln_examples_{none,gzip,zlib}.tfrecord: the three examples of
make_fixtures.py's EXAMPLES, then one raw 70,000-byte record. This reads each file with
tf.data.TFRecordDataset (which checks every CRC), parses the examples with
tf.train.Example.FromString and compares them with the examples TensorFlow itself builds.
"""
import sys

import tensorflow as tf

from make_fixtures import EXAMPLES, RAW


def main(directory):
    expected = [tf.train.Example(features=tf.train.Features(feature=f)) for f in EXAMPLES]
    for compression, option in [("none", None), ("gzip", "GZIP"), ("zlib", "ZLIB")]:
        path = f"{directory}/kiln_examples_{compression}.tfrecord"
        records = [r.numpy() for r in tf.data.TFRecordDataset(path, compression_type=option)]
        assert len(records) == 4, (path, len(records))
        for i, (record, want) in enumerate(zip(records, expected)):
            assert tf.train.Example.FromString(record) == want, (path, i)
        assert records[3] == RAW[3], path
        print(f"{path}: TensorFlow reads all 4 records; the 3 examples equal TensorFlow's own")


if __name__ == "__main__":
    main(sys.argv[1])

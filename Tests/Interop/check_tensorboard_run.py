"""Checks with TensorBoard's own reader (EventAccumulator) that every scalar `kiln train` wrote is
there with the right tag, steps and values: `train/loss` and `train/lr` at every optimizer step,
and each metrics.csv column at every epoch as `epoch/<column>`.

usage: python check_tensorboard_run.py RUN_DIR   (a finished run: metrics.csv and metrics.json)
"""
import csv
import json
import os
import sys

import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def main():
    run = sys.argv[1]
    with open(os.path.join(run, "metrics.json")) as f:
        steps = json.load(f)["steps"]
    with open(os.path.join(run, "metrics.csv")) as f:
        rows = list(csv.DictReader(f))
    accumulator = EventAccumulator(run, size_guidance={"scalars": 0, "histograms": 0})
    accumulator.Reload()
    tags = set(accumulator.Tags()["scalars"])
    problems = []

    for tag in ["train/loss", "train/lr"]:
        if tag not in tags:
            problems.append(f"missing scalar {tag}")
            continue
        got = [e.step for e in accumulator.Scalars(tag)]
        if got != list(range(1, steps + 1)):
            problems.append(f"{tag}: steps {got[:3]}…{got[-3:]} ({len(got)}), expected 1…{steps}")

    columns = [c for c in rows[0] if c not in ("epoch", "step", "seconds")]
    for column in columns:
        tag = "epoch/" + column
        if tag not in tags:
            problems.append(f"missing scalar {tag}")
            continue
        events = accumulator.Scalars(tag)
        expected = [(int(r["epoch"]), float(r[column])) for r in rows]
        got = [(e.step, e.value) for e in events]
        if [s for s, _ in got] != [s for s, _ in expected]:
            problems.append(f"{tag}: steps {[s for s, _ in got]}, expected {[s for s, _ in expected]}")
        elif not np.allclose([v for _, v in got], [v for _, v in expected], rtol=1e-6, atol=0):
            problems.append(f"{tag}: values {[v for _, v in got]}, expected {[v for _, v in expected]}")

    histograms = accumulator.Tags()["histograms"]
    if not any(t.startswith("weights/") for t in histograms):
        problems.append(f"no weights/ histograms (histogram tags: {histograms})")

    if problems:
        sys.exit("TensorBoard read the run differently:\n  " + "\n  ".join(problems))
    print(f"TensorBoard's EventAccumulator read {len(tags)} scalar tags ({steps} steps, {len(rows)} epochs) "
          f"and {len(histograms)} histogram tags as Kiln wrote them")


if __name__ == "__main__":
    main()

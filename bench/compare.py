"""Joins `kiln bench --json` output with reference outputs and prints a Markdown table of ratios.

    usage: python3 bench/compare.py kiln.jsonl numpy.jsonl torch.jsonl

Rows are matched on the workload and the result's key (`n`, or `case` + `grad`). The ratio is
always "how many times better Kiln is": reference time / Kiln time, or Kiln GFLOP/s / reference
GFLOP/s, so > 1 means Kiln is faster.
"""
import json
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def key(result):
    if "n" in result:
        return f"n={result['n']}"
    if "grad" in result:
        return f"{result['case']} grad={str(result['grad']).lower()}"
    return result.get("case", "")


def metric(result):
    for name, higher_is_better in (("gflops", True), ("ns_per_call", False), ("ms", False)):
        if name in result:
            return name, result[name], higher_is_better
    return None, None, None


def main(paths):
    kiln = [r for r in load(paths[0]) if r.get("impl") == "kiln"]
    references = [r for p in paths[1:] for r in load(p)]
    print("| workload | case | Kiln | reference | ratio (>1: Kiln better) |")
    print("|---|---|---|---|---|")
    for k in kiln:
        for ref in (r for r in references if r["bench"] == k["bench"]):
            ref_rows = {key(r): r for r in ref["results"]}
            for row in k["results"]:
                other = ref_rows.get(key(row))
                name, mine, higher = metric(row)
                if other is None or name is None:
                    continue
                theirs = other[name]
                ratio = mine / theirs if higher else theirs / mine
                print(f"| {k['bench']} | {key(row)} | {mine} {name} | {theirs} {name} ({ref['impl']}) | {ratio:.2f}x |")


if __name__ == "__main__":
    main(sys.argv[1:])

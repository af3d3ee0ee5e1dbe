"""Joins `kiln bench --json` output with reference outputs and prints a Markdown table of ratios.

    usage: python3 bench/compare.py [--best] FILE.jsonl...   (Kiln's and the references' lines)

Lines are grouped by implementation (`impl`), workload (`bench`) and case (`n`, or `case` +
`grad`); when a workload was run several times (alternating rounds, see side_by_side.sh) each
figure is the median over the runs, or with --best the best run (highest GFLOP/s, lowest time):
on a shared machine whose second core comes and goes, the best run is the one where each side
had the machine it asked for. The ratio always reads "how many times better Kiln is":
reference time / Kiln time, or Kiln GFLOP/s / reference GFLOP/s, so > 1 means Kiln is faster.
"""
import collections
import json
import statistics
import sys


def key(result):
    if "n" in result:
        return f"n={result['n']}"
    if "grad" in result:
        return f"{result['case']} grad={str(result['grad']).lower()}"
    return str(result.get("case", result.get("step", "")))


def metric(result):
    # "s" (seconds) and "mib" (peak memory) are the epoch workloads' figures; lower is better.
    for name, higher_is_better in (("gflops", True), ("images_per_s", True), ("ns_per_call", False), ("ms", False),
                                   ("epoch_s", False), ("s", False), ("mib", False)):
        if name in result:
            return name, higher_is_better
    return None, None


def main(args):
    best = "--best" in args
    paths = [a for a in args if a != "--best"]
    figures = collections.defaultdict(list)  # (impl, bench, case) -> [(value, metric, higher)]
    order = []
    for path in paths:
        with open(path) as f:
            for line in f:
                if not line.strip().startswith("{"):
                    continue
                run = json.loads(line)
                for result in run["results"]:
                    name, higher = metric(result)
                    if name is None:
                        continue
                    k = (run["impl"], run["bench"], key(result))
                    if k not in figures:
                        order.append(k)
                    figures[k].append((result[name], name, higher))
    print("| workload | case | Kiln | reference | ratio (>1: Kiln better) |")
    print("|---|---|---|---|---|")
    for impl, bench, case in order:
        if not impl.startswith("kiln"):
            continue
        mine = figures[(impl, bench, case)]
        name, higher = mine[0][1], mine[0][2]
        pick = (max if higher else min) if best else statistics.median
        value = pick([v for v, _, _ in mine])
        for (ref_impl, ref_bench, ref_case), theirs in figures.items():
            if ref_impl.startswith("kiln") or ref_bench != bench or ref_case != case:
                continue
            other = pick([v for v, _, _ in theirs])
            ratio = value / other if higher else other / value
            label = f"{impl} " if impl != "kiln" else ""
            print(f"| {bench} | {label}{case} | {value:g} {name} | {other:g} {name} ({ref_impl}) | {ratio:.2f}x |")


if __name__ == "__main__":
    main(sys.argv[1:])

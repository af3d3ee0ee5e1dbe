#!/usr/bin/env bash
# Runs Kiln's workloads and the reference scripts in alternating rounds on this machine and prints
# the median figures as ratios. Alternating (and taking medians) keeps a slow spell of a shared
# machine from landing on one side only.
#   usage: bash bench/side_by_side.sh [ROUNDS] [PYTHON]   (defaults: 5, /tmp/kiln-ref/bin/python)
#   KILN_BENCH="mlp-train-step cnn-train-step" picks workloads (default: all of them).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
python=${2:-/tmp/kiln-ref/bin/python}
out=$(mktemp -d)
clean="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE"
swift build -c release --product kiln | tail -n 1
workloads=${KILN_BENCH:-gemm op-overhead conv2d elementwise mlp-train-step cnn-train-step fashion-mnist-load augment-throughput loader-stall}
# Which reference script measures which workload.
numpy_workloads=() torch_workloads=()
for w in $workloads; do
    case $w in
        gemm) numpy_workloads+=("$w"); torch_workloads+=("$w") ;;
        fashion-mnist-load) numpy_workloads+=("$w") ;;
        memory) ;;
        *) torch_workloads+=("$w") ;;
    esac
done
touch "$out/numpy.jsonl" "$out/torch.jsonl"
for round in $(seq "$rounds"); do
    # shellcheck disable=SC2086  # the workload list splits into words on purpose
    $clean .build/release/kiln bench $workloads --json >>"$out/kiln.jsonl"
    if [[ " $workloads " == *" gemm "* ]]; then
        KILN_BLAS=none $clean .build/release/kiln bench gemm --json | sed 's/"impl":"kiln"/"impl":"kiln-swift-gemm"/' >>"$out/kiln.jsonl"
    fi
    if ((${#numpy_workloads[@]})); then $clean "$python" bench/reference/numpy_bench.py "${numpy_workloads[@]}" >>"$out/numpy.jsonl"; fi
    if ((${#torch_workloads[@]})); then $clean "$python" bench/reference/torch_bench.py "${torch_workloads[@]}" >>"$out/torch.jsonl"; fi
done
echo "threads: ${KILN_NUM_THREADS:-all cores}; rounds: $rounds; raw figures in $out"
echo; echo "Median over the rounds:"
python3 bench/compare.py "$out/kiln.jsonl" "$out/numpy.jsonl" "$out/torch.jsonl"
echo; echo "Best round of each side:"
python3 bench/compare.py --best "$out/kiln.jsonl" "$out/numpy.jsonl" "$out/torch.jsonl"

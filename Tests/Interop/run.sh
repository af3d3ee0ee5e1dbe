#!/usr/bin/env bash
# Interoperability checks against the reference tools (PyTorch, safetensors, TensorBoard):
#   bash Tests/Interop/run.sh PYTHON KILN_BINARY
# PYTHON needs torch, safetensors, numpy and tensorboard (.ci/run installs them in a venv).
set -euo pipefail
PYTHON=$1
KILN=$2
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" "$HERE/check_pytorch_model.py" "$KILN" "$WORK"
"$PYTHON" "$HERE/check_tensorboard_run.py" "$WORK/digits-run"

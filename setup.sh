#!/usr/bin/env bash
# Set up FileScribe in ./.venv: torch 2.13.0 first, then the project itself with its test extras. Safe to run again.
# FILESCRIBE_TORCH_INDEX, if set, is the package index torch (only torch) comes from: on Linux the default index
# serves the multi-GB CUDA build, https://download.pytorch.org/whl/cpu the CPU build.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "${FILESCRIBE_TORCH_INDEX:-}" ]; then
    .venv/bin/python -m pip install --quiet --index-url "$FILESCRIBE_TORCH_INDEX" "torch==2.13.0"
else
    .venv/bin/python -m pip install --quiet "torch==2.13.0"
fi
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "FileScribe is set up in $(pwd)/.venv"

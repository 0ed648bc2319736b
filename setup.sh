#!/usr/bin/env bash
# Set up FileScribe in ./.venv: the CPU build of torch first (a bare `torch` would pull a multi-GB
# CUDA build), then the project itself with its test extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "FileScribe is set up in $(pwd)/.venv"

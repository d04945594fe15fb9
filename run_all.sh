#!/usr/bin/env bash
# The main job: set up .venv if needed, then run every stage notebook with papermill.
#   ./run_all.sh [--profile smoke|cpu|paper|auto] [--stages data,train,ablate,stats,figures] [--force]
#                [--persist DIR] [--push-to-hub PREFIX [--hub-token TOKEN]]   (python -m tenacious.pipeline --help)
# The profile defaults to auto: `paper` when CUDA is present, `cpu` otherwise.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup_env.sh
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false HF_HUB_DISABLE_TELEMETRY=1 MPLBACKEND=Agg
exec .venv/bin/python -m tenacious.pipeline "$@"

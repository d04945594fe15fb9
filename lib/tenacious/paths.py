"""Every path the artifact uses, absolute and derived from the repository root (one place)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
BENCHMARKS_DIR = REPO_ROOT / "benchmarks"
PROFILES_DIR = Path(__file__).resolve().parent / "profile_files"
# Converted model copies and other rebuildable caches; TENACIOUS_CACHE moves it (e.g. to a Colab drive).
CACHE_DIR = Path(os.environ.get("TENACIOUS_CACHE", REPO_ROOT / ".cache"))


def runs_dir(profile: str) -> Path:
    """Heavy, git-ignored run outputs (adapters, checkpoints, traces) for one profile."""
    return REPO_ROOT / "runs" / profile


def paper_dir(profile: str) -> Path:
    """What a reviewer reads for one profile: tables, figures, model cards, executed notebooks."""
    return REPO_ROOT / "paper" / profile


def figures_dir(profile: str) -> Path:
    """Diagnostic figures written by the stages (data distributions and similar)."""
    return REPO_ROOT / "figures" / profile


def train_run_dir(profile: str, track: str, seed: int) -> Path:
    """One training run: adapter, trainer_state.json, history.json, run_config.json."""
    return runs_dir(profile) / track / f"seed{seed}"


def ablate_dir(profile: str) -> Path:
    """Ablation traces: one JSONL file per track."""
    return runs_dir(profile) / "ablate"

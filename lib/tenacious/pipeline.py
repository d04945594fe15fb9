"""Run the stage notebooks in order with papermill: data -> train -> ablate -> stats -> figures.

Stages hand over through files only. Each stage run declares the files it reads and the files it
promises; a run is skipped when its notebook, parameters, code and inputs hash the same as at its
last success and its outputs are still there, unchanged (`--force` re-runs). Executed notebooks go
to `paper/<profile>/executed/` with an HTML copy; on failure the runner names the stage, the cell
and the partial executed notebook, and stops.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tenacious import paths
from tenacious.io import read_json, sha256_file, stable_json, write_json

KERNEL_NAME = "tenacious"
STAGE_ORDER = ("data", "train", "ablate", "stats", "figures")


class PipelineError(RuntimeError):
    """A stage that cannot run or failed; the message says which and where to look."""


@dataclass(frozen=True)
class StageRun:
    """One papermill execution: a notebook, its parameters, what it reads and what it promises."""

    stage: str
    notebook: str  # file name under the notebooks folder
    parameters: dict = field(default_factory=dict)
    inputs: tuple[str, ...] = ()  # repo-relative glob patterns
    outputs: tuple[str, ...] = ()  # repo-relative glob patterns; each must match at least one file

    @property
    def run_id(self) -> str:
        extra = "_".join(f"{k}{v}" if k == "seed" else str(v)
                         for k, v in sorted(self.parameters.items()) if k != "profile")
        return Path(self.notebook).stem + (f"_{extra}" if extra else "")


def plan_stages(profile) -> list[StageRun]:
    """The stage runs of a full pipeline for a validated profile, in order."""
    p = profile.name
    runs = f"runs/{p}"
    plan = [StageRun("data", "01_data.ipynb", {"profile": p}, inputs=("data/raw/*.jsonl",),
                     outputs=("data/manifest.json", f"figures/{p}/*.png"))]
    for track in ("critic", "judge"):
        for seed in profile.train[track].seeds:
            plan.append(StageRun(
                "train", "02_train.ipynb", {"profile": p, "track": track, "seed": seed},
                inputs=("data/manifest.json", f"data/{track}/*.jsonl"),
                outputs=(f"{runs}/{track}/seed{seed}/adapter/adapter_model.safetensors",
                         f"{runs}/{track}/seed{seed}/history.json",
                         f"{runs}/{track}/seed{seed}/run_config.json")))
    plan.append(StageRun("ablate", "03_ablate.ipynb", {"profile": p},
                         inputs=("data/manifest.json", f"{runs}/*/seed*/adapter/adapter_model.safetensors"),
                         outputs=(f"{runs}/ablate/critic.jsonl", f"{runs}/ablate/judge.jsonl")))
    plan.append(StageRun("stats", "04_stats.ipynb", {"profile": p},
                         inputs=("data/manifest.json", f"{runs}/ablate/*.jsonl", f"{runs}/*/seed*/history.json",
                                 f"{runs}/*/seed*/run_config.json"),
                         outputs=(f"paper/{p}/numbers.json", f"paper/{p}/tables/*.md")))
    plan.append(StageRun("figures", "05_figures.ipynb", {"profile": p},
                         inputs=(f"paper/{p}/numbers.json", f"paper/{p}/tables/*.md",
                                 f"{runs}/*/seed*/history.json"),
                         outputs=(f"paper/{p}/figures/*.png", f"paper/{p}/model_cards/*/README.md",
                                  f"paper/{p}/paper.md")))
    return plan


def ensure_kernel() -> str:
    """Register a Jupyter kernel for this interpreter inside its own prefix (idempotent).

    Papermill then runs every notebook with the project's `.venv`, whatever kernels the machine has.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    spec_dir = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    spec_file = spec_dir / "kernel.json"
    if spec_file.is_file() and read_json(spec_file).get("argv", [None])[0] == sys.executable:
        return KERNEL_NAME
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL_NAME, display_name="Python 3 (tenacious .venv)", prefix=sys.prefix)
    KernelSpecManager().get_kernel_spec(KERNEL_NAME)  # raises if Jupyter cannot see it
    return KERNEL_NAME


def _matches(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    found = set()
    for pattern in patterns:
        found.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(found)


def code_hash() -> str:
    """Hash of the package source and shipped profiles: a code change re-runs the stages."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    for f in sorted(pkg.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".yaml", ".json", ".jsonl", ".txt") and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(pkg)).encode())
            h.update(sha256_file(f).encode())
    return h.hexdigest()


def run_key(run: StageRun, root: Path, notebooks_dir: Path) -> str:
    """Everything that decides a run's result: notebook, parameters, code and input files."""
    h = hashlib.sha256()
    h.update(sha256_file(notebooks_dir / run.notebook).encode())
    h.update(stable_json(run.parameters, indent=None).encode())
    h.update(code_hash().encode())
    for f in _matches(root, run.inputs):
        h.update(str(f.relative_to(root)).encode())
        h.update(sha256_file(f).encode())
    return h.hexdigest()


def _output_hashes(run: StageRun, root: Path) -> dict[str, str] | None:
    """Hashes of the promised outputs, or None when a pattern matches nothing."""
    hashes = {}
    for pattern in run.outputs:
        files = _matches(root, (pattern,))
        if not files:
            return None
        hashes.update({str(f.relative_to(root)): sha256_file(f) for f in files})
    return hashes


def _receipt_path(root: Path, profile: str, run: StageRun) -> Path:
    return root / "runs" / profile / "receipts" / f"{run.run_id}.json"


def is_up_to_date(run: StageRun, root: Path, notebooks_dir: Path, profile: str) -> bool:
    receipt = _receipt_path(root, profile, run)
    if not receipt.is_file():
        return False
    saved = read_json(receipt)
    return (saved.get("key") == run_key(run, root, notebooks_dir)
            and saved.get("outputs") == _output_hashes(run, root))


def _failed_cell(executed: Path) -> str:
    """Describe the first cell that raised, from the partial executed notebook."""
    import nbformat

    try:
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):  # the partial notebook may not exist if papermill failed early
        return "unknown cell"
    # numbered as in the source notebook: papermill's injected-parameters cell is not counted
    code_cells = [c for c in nb.cells if c.cell_type == "code"
                  and "injected-parameters" not in c.metadata.get("tags", [])]
    for number, cell in enumerate(code_cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                first = cell.source.strip().splitlines()
                return (f"code cell {number} of {len(code_cells)} ({first[0] if first else ''!r}): "
                        f"{out.get('ename')}: {out.get('evalue')}")
    return "unknown cell"


def _to_html(executed: Path) -> Path:
    from nbconvert import HTMLExporter

    from tenacious.io import atomic_write_text

    body, _ = HTMLExporter().from_filename(str(executed))
    html = executed.with_suffix(".html")
    atomic_write_text(html, body)
    return html


def execute(run: StageRun, root: Path, notebooks_dir: Path, executed_dir: Path, kernel: str) -> Path:
    """Execute one stage run with papermill; raise PipelineError naming stage, cell and notebook."""
    import papermill as pm

    executed_dir.mkdir(parents=True, exist_ok=True)
    out = executed_dir / f"{run.run_id}.ipynb"
    try:
        pm.execute_notebook(str(notebooks_dir / run.notebook), str(out), parameters=dict(run.parameters),
                            kernel_name=kernel, cwd=str(root), progress_bar=False, log_output=False)
    except pm.PapermillExecutionError as exc:
        where = _failed_cell(out)
        raise PipelineError(f"stage '{run.stage}' ({run.run_id}) failed in {where}\n"
                            f"  partial executed notebook: {out}") from exc
    if _output_hashes(run, root) is None:
        missing = [p for p in run.outputs if not _matches(root, (p,))]
        raise PipelineError(f"stage '{run.stage}' ({run.run_id}) finished but did not write {missing}; "
                            f"executed notebook: {out}")
    _to_html(out)
    return out


def run_pipeline(plan: list[StageRun], profile: str, *, force: bool = False, root: Path = paths.REPO_ROOT,
                 notebooks_dir: Path = paths.NOTEBOOKS_DIR, executed_dir: Path | None = None,
                 log=print) -> list[dict]:
    """Run (or skip) each stage run in order; returns one summary row per run."""
    executed_dir = executed_dir or (root / "paper" / profile / "executed")
    missing = sorted({r.notebook for r in plan if not (notebooks_dir / r.notebook).is_file()})
    if missing:
        raise PipelineError(f"stage notebook(s) not found in {notebooks_dir}: {', '.join(missing)}")
    kernel = ensure_kernel()
    summary = []
    total_start = time.perf_counter()
    for i, run in enumerate(plan, start=1):
        label = f"[{i}/{len(plan)}] {run.stage:<8} {run.run_id}"
        if not force and is_up_to_date(run, root, notebooks_dir, profile):
            log(f"{label}: up to date, skipped (use --force to re-run)")
            summary.append({"run": run.run_id, "status": "skipped", "seconds": 0.0})
            continue
        log(f"{label}: running ...")
        start = time.perf_counter()
        execute(run, root, notebooks_dir, executed_dir, kernel)
        seconds = time.perf_counter() - start
        write_json(_receipt_path(root, profile, run),
                   {"key": run_key(run, root, notebooks_dir), "outputs": _output_hashes(run, root),
                    "parameters": run.parameters, "seconds": round(seconds, 1)})
        log(f"{label}: done in {seconds:.1f} s")
        summary.append({"run": run.run_id, "status": "ran", "seconds": round(seconds, 1)})
    log(f"pipeline finished in {time.perf_counter() - total_start:.1f} s")
    return summary


def main(argv: list[str] | None = None) -> int:
    from tenacious.profiles import ProfileError, load_profile

    parser = argparse.ArgumentParser(prog="python -m tenacious.pipeline", description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="auto", help="smoke | cpu | paper | auto (paper on CUDA, else cpu)")
    parser.add_argument("--stages", default=",".join(STAGE_ORDER),
                        help=f"comma-separated subset of {','.join(STAGE_ORDER)}")
    parser.add_argument("--force", action="store_true", help="re-run stages even when up to date")
    args = parser.parse_args(argv)
    try:
        profile = load_profile(args.profile)
        wanted = [s.strip() for s in args.stages.split(",") if s.strip()]
        unknown = [s for s in wanted if s not in STAGE_ORDER]
        if unknown:
            raise PipelineError(f"unknown stage(s) {unknown}; choose from {', '.join(STAGE_ORDER)}")
        plan = [r for r in plan_stages(profile) if r.stage in wanted]
        print(f"profile: {profile.name}  stages: {', '.join(wanted)}", flush=True)
        run_pipeline(plan, profile.name, force=args.force)
    except (ProfileError, PipelineError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run the stage notebooks in order with papermill: data -> train -> ablate -> stats -> figures.

Stages hand over through files only; `tenacious.stages` declares what each run reads and promises.
A run is skipped when its notebook, parameters, code and inputs hash the same as at its last
success and its outputs are still there, unchanged (`--force` re-runs, and first deletes the stage's
reusable partial work: training checkpoints, ablation part files). Executed notebooks go to
`paper/<profile>/executed/` with an HTML copy, cleaned of local paths and stderr noise; on failure
the runner names the stage, the cell and the partial executed notebook, and stops. A profile whose
outputs are committed (cpu, paper) refuses to run from uncommitted code unless `--allow-dirty`.
`--persist DIR` keeps the run's state in DIR as it is written (tenacious.persist; a Google Drive folder
on Colab), so a run on a fresh clone skips what is up to date and resumes training from its last
checkpoint; `--push-to-hub PREFIX` uploads the trained adapters with their model cards when it is done.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any

from tenacious import paths, persist
from tenacious.io import atomic_write_text, read_json, sha256_file, stable_json, write_json
from tenacious.provenance import code_hash
from tenacious.stages import STAGE_ORDER, StageRun, clear_reusable, matches, missing_outputs, plan_stages

KERNEL_NAME = "tenacious"


class PipelineError(RuntimeError):
    """A stage that cannot run or failed; the message says which and where to look."""


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


def run_key(run: StageRun, root: Path, notebooks_dir: Path) -> str:
    """Everything that decides a run's result: notebook, parameters, code (the whole package) and input files."""
    h = hashlib.sha256()
    h.update(sha256_file(notebooks_dir / run.notebook).encode())
    h.update(stable_json(run.parameters, indent=None).encode())
    h.update(code_hash().encode())
    for f in matches(root, run.inputs + run.measured):
        h.update(str(f.relative_to(root)).encode())
        h.update(sha256_file(f).encode())
    return h.hexdigest()


def _output_hashes(run: StageRun, root: Path) -> dict[str, str] | None:
    """Hashes of the promised outputs, or None when a pattern matches nothing."""
    hashes = {}
    for pattern in run.outputs:
        files = matches(root, (pattern,))
        if not files:
            return None
        hashes.update({str(f.relative_to(root)): sha256_file(f) for f in files})
    return hashes


def _receipt_path(root: Path, profile: str, run: StageRun) -> Path:
    return paths.receipts_dir(profile, root) / f"{run.run_id}.json"


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


def _relative(value: Any, root: str) -> Any:
    """`value` with every occurrence of the absolute root made repository-relative."""
    if isinstance(value, str):
        return value.replace(root + "/", "").replace(root, ".")
    if isinstance(value, list):
        return [_relative(v, root) for v in value]
    if isinstance(value, dict):
        return {k: _relative(v, root) for k, v in value.items()}
    return value


def clean_executed(executed: Path, root: Path) -> None:
    """Make an executed notebook fit to commit: repository-relative paths, no stderr streams.

    stderr carries this machine's noise (library warnings such as tqdm's IProgress notice, progress
    bars, site-packages paths), not results; the results are what the cells print and display.
    """
    nb = read_json(executed)
    for cell in nb["cells"]:
        if "outputs" in cell:
            cell["outputs"] = [o for o in cell["outputs"] if o.get("name") != "stderr"]
    nb = _relative(nb, str(Path(root).resolve()))
    atomic_write_text(executed, stable_json(nb, indent=1))


def _to_html(executed: Path) -> Path:
    from nbconvert import HTMLExporter

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
    clean_executed(out, root)
    missing = missing_outputs(run, root)
    if missing:
        raise PipelineError(f"stage '{run.stage}' ({run.run_id}) finished but did not write {missing}; "
                            f"executed notebook: {out}")
    _to_html(out)
    return out


def run_pipeline(plan: list[StageRun], profile: str, *, force: bool = False, root: Path = paths.REPO_ROOT,
                 notebooks_dir: Path = paths.NOTEBOOKS_DIR, executed_dir: Path | None = None,
                 persist_dir: Path | None = None, log=print) -> list[dict]:
    """Run (or skip) each stage run in order; returns one summary row per run.

    With `persist_dir`, the run's state folders are linked into it first (tenacious.persist.link_state)."""
    executed_dir = executed_dir or paths.executed_dir(profile, root)
    missing = sorted({r.notebook for r in plan if not (notebooks_dir / r.notebook).is_file()})
    if missing:
        raise PipelineError(f"stage notebook(s) not found in {notebooks_dir}: {', '.join(missing)}")
    if persist_dir is not None:
        for link in persist.link_state(root, persist_dir, profile):
            log(f"persist: {link.relative_to(root)} -> {link.resolve()}")
    kernel = ensure_kernel()
    summary = []
    total_start = time.perf_counter()
    for i, run in enumerate(plan, start=1):
        label = f"[{i}/{len(plan)}] {run.stage:<8} {run.run_id}"
        if not force and is_up_to_date(run, root, notebooks_dir, profile):
            log(f"{label}: up to date, skipped (use --force to re-run)")
            summary.append({"run": run.run_id, "status": "skipped", "seconds": 0.0})
            continue
        if force:
            cleared = clear_reusable(run, root)
            if cleared:
                log(f"{label}: --force: deleted {', '.join(cleared)}")
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


def check_clean_tree(profile: str, allow_dirty: bool) -> None:
    """Committed results must name a commit that produced them: refuse uncommitted code unless overridden."""
    from tenacious.provenance import git_commit, outputs_committed

    if allow_dirty or not outputs_committed(profile):
        return
    commit = git_commit()
    if commit.endswith("+dirty"):
        raise PipelineError(f"profile {profile} writes committed results, but tracked files differ from commit "
                            f"{commit.removesuffix('+dirty')[:12]}; commit them first (or pass --allow-dirty)")


def main(argv: list[str] | None = None) -> int:
    from tenacious.profiles import ProfileError, load_profile

    parser = argparse.ArgumentParser(prog="python -m tenacious.pipeline", description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="auto", help="smoke | cpu | paper | auto (paper on CUDA, else cpu)")
    parser.add_argument("--stages", default=",".join(STAGE_ORDER),
                        help=f"comma-separated subset of {','.join(STAGE_ORDER)}")
    parser.add_argument("--force", action="store_true",
                        help="re-run stages even when up to date, deleting their checkpoints and part files first")
    parser.add_argument("--allow-dirty", action="store_true",
                        help="run a profile whose outputs are committed (cpu, paper) from uncommitted code")
    parser.add_argument("--persist", type=Path, metavar="DIR",
                        help="keep runs/, figures/ and paper/ of the profile and the model cache in DIR as they are "
                             "written (e.g. a Google Drive folder), and resume from what DIR holds")
    parser.add_argument("--push-to-hub", metavar="PREFIX",
                        help="when done, push each adapter with its model card to private repos "
                             "PREFIX-<track>-seed<N> (off by default)")
    parser.add_argument("--hub-token", default=os.environ.get("HF_TOKEN"),
                        help="Hugging Face token for --push-to-hub (default: $HF_TOKEN)")
    args = parser.parse_args(argv)
    try:
        profile = load_profile(args.profile)
        if args.push_to_hub and not args.hub_token:
            raise PipelineError("--push-to-hub needs a token: --hub-token or HF_TOKEN in the environment")
        check_clean_tree(profile.name, args.allow_dirty)
        wanted = [s.strip() for s in args.stages.split(",") if s.strip()]
        unknown = [s for s in wanted if s not in STAGE_ORDER]
        if unknown:
            raise PipelineError(f"unknown stage(s) {unknown}; choose from {', '.join(STAGE_ORDER)}")
        plan = [r for r in plan_stages(profile) if r.stage in wanted]
        print(f"profile: {profile.name}  stages: {', '.join(wanted)}", flush=True)
        run_pipeline(plan, profile.name, force=args.force, persist_dir=args.persist)
        if args.push_to_hub:
            for repo_id in persist.push_to_hub(paths.REPO_ROOT, profile.name, args.push_to_hub, args.hub_token):
                print(f"pushed https://huggingface.co/{repo_id}", flush=True)
    except (ProfileError, PipelineError, persist.PersistError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

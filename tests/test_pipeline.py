"""The papermill runner on fixture notebooks: parameters, failure report, skip-if-unchanged, --force."""

from pathlib import Path

import pytest

from tenacious import paths
from tenacious.pipeline import PipelineError, run_pipeline
from tenacious.profiles import load_profile
from tenacious.stages import StageRun, plan_stages

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"


@pytest.fixture()
def root(tmp_path):
    (tmp_path / "in.txt").write_text("input v1")
    return tmp_path


def _ok(value=7):
    return StageRun("alpha", "ok.ipynb", {"profile": "fixture", "value": value, "out_path": "out.txt"},
                    inputs=("in.txt",), outputs=("out.txt",))


def _run(root, plan, **kw):
    logs = []
    summary = run_pipeline(plan, "fixture", root=root, notebooks_dir=FIXTURES, log=logs.append, **kw)
    return summary, logs


def test_parameters_are_injected_and_outputs_written(root):
    summary, logs = _run(root, [_ok(7)])
    assert (root / "out.txt").read_text() == "fixture:7"
    executed = next((root / "paper" / "fixture" / "executed").glob("ok*.ipynb"))
    assert executed.with_suffix(".html").is_file()
    assert "value = 7" in executed.read_text()
    assert summary[0]["status"] == "ran" and any("done in" in line for line in logs)


def test_unchanged_run_is_skipped_and_force_reruns(root):
    _run(root, [_ok()])
    summary, logs = _run(root, [_ok()])
    assert summary[0]["status"] == "skipped" and "up to date" in logs[0]
    summary, _ = _run(root, [_ok()], force=True)
    assert summary[0]["status"] == "ran"


def test_force_deletes_the_runs_reusable_work_first(root):
    (root / "work" / "checkpoint-1").mkdir(parents=True)
    (root / "work" / "checkpoint-1" / "state.json").write_text("{}")
    (root / "identity.json").write_text("{}")
    run = StageRun("alpha", "ok.ipynb", {"profile": "fixture", "value": 7, "out_path": "out.txt"},
                   inputs=("in.txt",), outputs=("out.txt",), reusable=("work", "identity.json", "absent/*"))
    _run(root, [run])
    assert (root / "work" / "checkpoint-1" / "state.json").is_file()  # a plain re-run leaves it to the stage
    summary, logs = _run(root, [run], force=True)
    assert summary[0]["status"] == "ran" and not (root / "work").exists() and not (root / "identity.json").exists()
    assert any("--force: deleted work, identity.json" in line for line in logs)


def test_changed_input_parameter_or_output_reruns(root):
    _run(root, [_ok()])
    (root / "in.txt").write_text("input v2")
    assert _run(root, [_ok()])[0][0]["status"] == "ran"
    assert _run(root, [_ok(8)])[0][0]["status"] == "ran"
    (root / "out.txt").write_text("tampered")
    assert _run(root, [_ok(8)])[0][0]["status"] == "ran"
    assert (root / "out.txt").read_text() == "fixture:8"


def test_failure_names_stage_cell_and_partial_notebook(root):
    plan = [StageRun("beta", "fail.ipynb", {"profile": "fixture"}), _ok()]
    with pytest.raises(PipelineError) as err:
        _run(root, plan)
    msg = str(err.value)
    assert "stage 'beta'" in msg and "code cell 3 of 4" in msg and "boom in fixture" in msg
    partial = Path(msg.split("partial executed notebook: ")[1].strip())
    assert partial.is_file()
    assert not (root / "out.txt").exists(), "the runner must stop at the first failing stage"


def test_missing_notebook_is_reported_before_anything_runs(root):
    plan = [_ok(), StageRun("gamma", "does_not_exist.ipynb", {"profile": "fixture"})]
    with pytest.raises(PipelineError, match="does_not_exist.ipynb"):
        _run(root, plan)
    assert not (root / "out.txt").exists()


def test_missing_promised_output_fails(root, tmp_path):
    run = StageRun("delta", "ok.ipynb", {"profile": "fixture", "out_path": "out.txt"}, outputs=("never.txt",))
    with pytest.raises(PipelineError, match="did not write"):
        _run(root, [run])


def test_full_plan_covers_every_stage_and_seed():
    plan = plan_stages(load_profile("smoke"))
    assert [r.stage for r in plan] == ["data", "train", "train", "ablate", "stats", "figures"]
    assert {(r.parameters.get("track"), r.parameters.get("seed")) for r in plan if r.stage == "train"} == {
        ("critic", 11), ("judge", 3407)}
    assert all((paths.NOTEBOOKS_DIR / r.notebook).is_file() for r in plan), "every stage needs its notebook"


def test_cli_rejects_unknown_stage(capsys):
    from tenacious.pipeline import main

    assert main(["--profile", "smoke", "--stages", "data,nope"]) == 1
    assert "unknown stage" in capsys.readouterr().err


def test_cli_rejects_unknown_profile(capsys):
    from tenacious.pipeline import main

    assert main(["--profile", "nope"]) == 1
    assert "unknown profile" in capsys.readouterr().err


def test_executed_notebook_is_cleaned_of_local_paths_and_stderr(root):
    _run(root, [_ok()])
    executed = next((root / "paper" / "fixture" / "executed").glob("ok*.ipynb"))
    text = executed.read_text()
    assert str(root) not in text, "the executed notebook names the machine's folders"
    assert '"input_path": "' in text and '"name": "stderr"' not in text


def test_clean_executed_drops_stderr_and_relativises(tmp_path):
    from tenacious.io import read_json, write_json
    from tenacious.pipeline import clean_executed

    nb = {"cells": [{"cell_type": "code", "source": "x", "outputs": [
        {"name": "stderr", "output_type": "stream", "text": ["/venv/tqdm/auto.py:21: TqdmWarning: IProgress"]},
        {"name": "stdout", "output_type": "stream", "text": [f"wrote {tmp_path}/data/manifest.json\n"]}]}],
        "metadata": {"papermill": {"input_path": f"{tmp_path}/notebooks/01_data.ipynb", "cwd": str(tmp_path)}}}
    path = tmp_path / "nb.ipynb"
    write_json(path, nb)
    clean_executed(path, tmp_path)
    got = read_json(path)
    assert got["cells"][0]["outputs"] == [{"name": "stdout", "output_type": "stream",
                                           "text": ["wrote data/manifest.json\n"]}]
    assert got["metadata"]["papermill"] == {"input_path": "notebooks/01_data.ipynb", "cwd": "."}


def test_committed_profile_refuses_a_dirty_tree(monkeypatch):
    from tenacious import pipeline, provenance

    monkeypatch.setattr(provenance, "git_commit", lambda: "abc123+dirty")
    monkeypatch.setattr(provenance, "outputs_committed", lambda profile: profile != "smoke")
    with pytest.raises(PipelineError, match="commit them first"):
        pipeline.check_clean_tree("cpu", allow_dirty=False)
    pipeline.check_clean_tree("cpu", allow_dirty=True)
    pipeline.check_clean_tree("smoke", allow_dirty=False)
    monkeypatch.setattr(provenance, "git_commit", lambda: "abc123")
    pipeline.check_clean_tree("paper", allow_dirty=False)


def test_only_the_ignored_smoke_outputs_count_as_uncommitted():
    from tenacious.provenance import outputs_committed

    assert not outputs_committed("smoke")
    assert outputs_committed("cpu") and outputs_committed("paper")

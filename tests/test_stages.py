"""Stage contracts: one list of files per stage run, read by the runner and by every notebook's last cell."""

import json

import pytest

from tenacious import paths, stages
from tenacious.io import write_json
from tenacious.profiles import load_profile


@pytest.fixture(scope="module")
def plan():
    return stages.plan_stages(load_profile("smoke"))


def test_contracts_are_repository_relative_and_per_profile(plan):
    for run in plan:
        for pattern in run.inputs + run.outputs:
            assert not pattern.startswith("/") and ".." not in pattern, (run.run_id, pattern)
    train = [r for r in plan if r.stage == "train"]
    assert {r.outputs[0] for r in train} == {"runs/smoke/critic/seed11/adapter/adapter_model.safetensors",
                                              "runs/smoke/judge/seed3407/adapter/adapter_model.safetensors"}
    stats = next(r for r in plan if r.stage == "stats")
    assert "runs/smoke/ablate/judge.jsonl" in stats.inputs and "paper/smoke/numbers.json" in stats.outputs
    assert stats.measured == ("benchmarks/results/judge_learning_curve_smoke.json",)  # a benchmark's, not a stage's
    data = next(r for r in plan if r.stage == "data")
    assert "data/manifest.json" in data.outputs and any(o.startswith("figures/smoke/") for o in data.outputs)


def test_reusable_work_is_declared_and_is_not_a_promised_output(plan):
    """What --force deletes: the training checkpoints and identity, the ablation part files; never an output."""
    train = stages.stage_run(load_profile("smoke"), "train", track="judge", seed=3407)
    assert train.reusable == ("runs/smoke/judge/seed3407/checkpoints", "runs/smoke/judge/seed3407/run_identity.json")
    assert next(r for r in plan if r.stage == "ablate").reusable == ("runs/smoke/ablate/parts",)
    for run in plan:
        assert not set(run.reusable) & set(run.outputs + run.inputs), run.run_id


def test_each_stage_reads_what_an_earlier_stage_promised(plan):
    promised = []
    for run in plan:
        for pattern in run.inputs:
            if not pattern.startswith("data/raw/"):
                assert pattern in promised, f"{run.run_id} reads {pattern}, which no earlier stage promises"
        promised += run.outputs


def test_paths_give_one_meaning_per_name():
    assert not hasattr(paths, "figures_dir"), "diagnostic and paper figures have distinct names"
    assert paths.diagnostics_dir("cpu") == paths.REPO_ROOT / "figures" / "cpu"
    assert paths.paper_figures_dir("cpu") == paths.REPO_ROOT / "paper" / "cpu" / "figures"


def test_stage_run_and_check_outputs(tmp_path):
    profile = load_profile("smoke")
    run = stages.stage_run(profile, "train", track="judge", seed=3407)
    assert run.run_id == "02_train_seed3407_judge"
    with pytest.raises(stages.StageError, match="plans no train run"):
        stages.stage_run(profile, "train", track="judge", seed=1)
    with pytest.raises(stages.StageError, match="history.json"):
        stages.check_outputs(run, tmp_path)
    for pattern in run.outputs:
        (tmp_path / pattern).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / pattern).write_text("x")
    stages.check_outputs(run, tmp_path)
    assert stages.missing_outputs(run, tmp_path) == []


def test_every_stage_notebook_checks_its_contract(plan):
    for stage, notebook in stages.NOTEBOOKS.items():
        cells = json.loads((paths.NOTEBOOKS_DIR / notebook).read_text())["cells"]
        last = "".join(next(c for c in reversed(cells) if c["cell_type"] == "code")["source"])
        assert f'stages.check_outputs(stages.stage_run(P, "{stage}"' in last, notebook
    assert {r.notebook for r in plan} == set(stages.NOTEBOOKS.values())


def test_read_history_names_the_file(tmp_path):
    with pytest.raises(stages.StageError, match="history.json: not found; run the train stage"):
        stages.read_history(tmp_path / "judge" / "seed1")
    write_json(tmp_path / "history.json", {"log_history": "nope"})
    with pytest.raises(stages.StageError, match="log_history"):
        stages.read_history(tmp_path)
    write_json(tmp_path / "history.json", {"log_history": [{"step": 1, "loss": 0.5}]})
    assert stages.read_history(tmp_path)["log_history"][0]["loss"] == 0.5
